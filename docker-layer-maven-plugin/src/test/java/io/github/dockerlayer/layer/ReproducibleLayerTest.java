package io.github.dockerlayer.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.layout.OciLayout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproducibleLayerTest {
    private static final Instant MTIME = Instant.parse("2024-01-01T00:00:00Z");
    private static final long GOLDEN_SIZE = 333;

    @TempDir
    Path temp;

    private static List<LayerEntry> goldenEntries() {
        return List.of(
                LayerEntry.bytes(
                        "/app/resources/application.properties", "greeting=hello\n".getBytes(StandardCharsets.UTF_8)),
                LayerEntry.bytes(
                        "/app/classes/com/example/Main.class",
                        new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe}),
                LayerEntry.bytes(
                        "/app/docker-layer/main-class", "com.example.Main\n".getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The golden digests: these bytes are the contract of reproducibility. If this test fails, layers built by this
     * version differ from those of the last release for the same inputs; change the constants only on purpose.
     */
    @Test
    void goldenDigests() throws IOException {
        Layer layer = ReproducibleLayer.write(
                goldenEntries(),
                MTIME,
                OciLayout.openOrCreate(temp.resolve("oci")).store());
        assertEquals(
                "sha256:938025f33aab3facd380eec07567eb80e0f257664aaa5e88267b75a9a293c79d",
                layer.diffId().toString(),
                "diffId (uncompressed tar)");
        assertEquals(
                "sha256:26e19150052902687eed9282b255d0bb04b993cfb68439b6ae15b4c27bc8c81d",
                layer.digest().toString(),
                "digest (gzip blob)");
        assertEquals(GOLDEN_SIZE, layer.size());
    }

    /** A file with its own mode (an extra directory's script with a permission): golden digests, mode in the header. */
    @Test
    void goldenDigestsOfAnExecutableFile() throws IOException {
        List<LayerEntry> entries = List.of(
                LayerEntry.bytes("/opt/app/run.sh", "#!/bin/sh\necho run\n".getBytes(StandardCharsets.UTF_8))
                        .withMode(0755),
                LayerEntry.bytes("/opt/app/config.yml", "greeting: hello\n".getBytes(StandardCharsets.UTF_8)));
        List<TarArchiveEntry> headers = readTar(tar(entries, MTIME));
        assertEquals(0100755, headers.get(headers.size() - 1).getMode());
        assertEquals(0100644, headers.get(headers.size() - 2).getMode());
        Layer layer = ReproducibleLayer.write(
                entries, MTIME, OciLayout.openOrCreate(temp.resolve("oci")).store());
        assertEquals(
                "sha256:3da18fe442ecaa1d489bddf0a3aaefa502b0213285813ace9e420ce67cc127f5",
                layer.diffId().toString(),
                "diffId");
        assertEquals(
                "sha256:aeca1024902f73969918faca552852d314512eb17e62331657516b303c426d7f",
                layer.digest().toString(),
                "digest");
        assertThrows(IllegalArgumentException.class, () -> entries.get(0).withMode(01777), "only permission bits");
    }

    @Test
    void entriesAreSortedWithExplicitParentsAndFixedMetadata() throws IOException {
        List<TarArchiveEntry> entries = readTar(tar(goldenEntries(), MTIME));
        List<String> names = entries.stream().map(TarArchiveEntry::getName).toList();
        assertEquals(
                List.of(
                        "app/",
                        "app/classes/",
                        "app/classes/com/",
                        "app/classes/com/example/",
                        "app/classes/com/example/Main.class",
                        "app/docker-layer/",
                        "app/docker-layer/main-class",
                        "app/resources/",
                        "app/resources/application.properties"),
                names);
        for (TarArchiveEntry entry : entries) {
            assertEquals(0, entry.getLongUserId(), entry.getName());
            assertEquals(0, entry.getLongGroupId(), entry.getName());
            assertEquals("", entry.getUserName(), entry.getName());
            assertEquals("", entry.getGroupName(), entry.getName());
            assertEquals(MTIME, entry.getLastModifiedTime().toInstant(), entry.getName());
            assertEquals(entry.isDirectory() ? 040755 : 0100644, entry.getMode(), entry.getName());
        }
    }

    @Test
    void sameBytesWhateverTheFilesMtimesModesAndListingOrder() throws IOException {
        Path a = temp.resolve("a");
        Path b = temp.resolve("b");
        List<LayerEntry> first = new ArrayList<>();
        List<LayerEntry> second = new ArrayList<>();
        for (String name : List.of("one.jar", "two.jar", "three.jar")) {
            first.add(LayerEntry.file("/app/libs/" + name, write(a.resolve(name), name, "rw-------", 1_000_000L)));
        }
        for (String name : List.of("three.jar", "one.jar", "two.jar")) {
            second.add(LayerEntry.file("/app/libs/" + name, write(b.resolve(name), name, "rwxrwxrwx", 2_000_000_000L)));
        }
        Layer layerA = ReproducibleLayer.write(
                first, MTIME, OciLayout.openOrCreate(temp.resolve("oci-a")).store());
        Layer layerB = ReproducibleLayer.write(
                second, MTIME, OciLayout.openOrCreate(temp.resolve("oci-b")).store());
        assertEquals(layerA, layerB);
    }

    @Test
    void longAndNonAsciiNamesDoNotLeakTheUserOrTheClock() throws IOException {
        String longName = "/app/classes/" + "very/deep/package/".repeat(8) + "Ünïcödé.class";
        List<LayerEntry> entries = List.of(LayerEntry.bytes(longName, new byte[] {1, 2, 3}));
        String user = System.getProperty("user.name");
        byte[] asAlice;
        byte[] asBob;
        try {
            System.setProperty("user.name", "alice");
            asAlice = tar(entries, MTIME);
            System.setProperty("user.name", "bob-the-builder");
            asBob = tar(entries, MTIME);
        } finally {
            System.setProperty("user.name", user);
        }
        assertEquals(Digest.sha256(asAlice), Digest.sha256(asBob));
        String text = new String(asAlice, StandardCharsets.ISO_8859_1);
        assertEquals(-1, text.indexOf("alice"), "the PAX header must not carry the user name");
        List<TarArchiveEntry> read = readTar(asAlice);
        assertEquals(longName.substring(1), read.get(read.size() - 1).getName());
        assertEquals(MTIME, read.get(read.size() - 1).getLastModifiedTime().toInstant());
    }

    @Test
    void mtimeChangesTheLayer() throws IOException {
        assertNotEquals(
                Digest.sha256(tar(goldenEntries(), MTIME)), Digest.sha256(tar(goldenEntries(), MTIME.plusSeconds(1))));
    }

    @Test
    void rejectsDuplicatesAndFilesUnderFiles() {
        byte[] x = {1};
        assertThrows(
                IllegalArgumentException.class,
                () -> ReproducibleLayer.sorted(List.of(LayerEntry.bytes("/a/b", x), LayerEntry.bytes("/a/b", x))));
        assertThrows(
                IllegalArgumentException.class,
                () -> ReproducibleLayer.sorted(List.of(LayerEntry.bytes("/a/b", x), LayerEntry.bytes("/a/b/c", x))));
        assertThrows(
                IllegalArgumentException.class,
                () -> ReproducibleLayer.sorted(List.of(LayerEntry.bytes("/a/b/c", x), LayerEntry.bytes("/a/b", x))));
        assertThrows(IllegalArgumentException.class, () -> LayerEntry.bytes("relative/path", x));
        assertThrows(IllegalArgumentException.class, () -> LayerEntry.bytes("/a/../b", x));
    }

    @Test
    void gzipHeaderIsFixed() throws IOException {
        OciLayout layout = OciLayout.openOrCreate(temp.resolve("oci"));
        Layer layer = ReproducibleLayer.write(goldenEntries(), MTIME, layout.store());
        byte[] blob = layout.readBlob(layer.digest());
        // magic, deflate, no flags, mtime 0, xfl, OS 255
        assertEquals(0x1f, blob[0] & 0xff);
        assertEquals(0x8b, blob[1] & 0xff);
        assertEquals(8, blob[2]);
        assertEquals(0, blob[3]);
        assertEquals(0, blob[4] | blob[5] | blob[6] | blob[7]);
        assertEquals(255, blob[9] & 0xff);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(blob))) {
            assertEquals(layer.diffId(), Digest.sha256(in.readAllBytes()));
        }
    }

    static byte[] tar(List<LayerEntry> entries, Instant mtime) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReproducibleLayer.writeTar(entries, mtime, out);
        return out.toByteArray();
    }

    static List<TarArchiveEntry> readTar(byte[] tar) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static Path write(Path file, String content, String permissions, long mtimeMillis) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeMillis));
        return file;
    }
}
