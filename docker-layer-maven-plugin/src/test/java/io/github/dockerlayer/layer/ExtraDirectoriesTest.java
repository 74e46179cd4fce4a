package io.github.dockerlayer.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.layout.OciLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extra-directories layer: Jib's {@code extraDirectories}, one layer for every path. */
class ExtraDirectoriesTest {
    private static final Instant MTIME = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path temp;

    private ExtraDirectories sample() throws IOException {
        Path docker = temp.resolve("src/main/docker-extra");
        write(docker.resolve("config.yml"), "greeting: hello\n", "rw-------");
        write(docker.resolve("run.sh"), "#!/bin/sh\necho run\n", "rw-------"); // 755 only through <permissions>
        write(docker.resolve("keys/store.p12"), "p12", "rwxrwxrwx"); // the file's own mode never counts
        Path root = temp.resolve("src/main/jib");
        write(root.resolve("etc/motd"), "welcome\n", "rw-r--r--");
        return new ExtraDirectories(
                List.of(new ExtraDirectories.Source(docker, "/opt/app"), new ExtraDirectories.Source(root, "/")),
                Map.of("/opt/app/run.sh", 0755, "/opt/app/keys/store.p12", 0600));
    }

    @Test
    void everyPathInOneLayerUnderItsIntoWithThePermissionsGiven() throws IOException {
        LayerPlan.PlannedLayer layer = sample().layer();
        assertEquals("extra-directories", layer.role().label());
        List<TarArchiveEntry> entries =
                ReproducibleLayerTest.readTar(ReproducibleLayerTest.tar(layer.entries(), MTIME));
        assertEquals(
                List.of(
                        "etc/",
                        "etc/motd",
                        "opt/",
                        "opt/app/",
                        "opt/app/config.yml",
                        "opt/app/keys/",
                        "opt/app/keys/store.p12",
                        "opt/app/run.sh"),
                entries.stream().map(TarArchiveEntry::getName).toList());
        Map<String, Integer> modes = new java.util.TreeMap<>();
        entries.forEach(entry -> modes.put(entry.getName(), entry.getMode()));
        assertEquals(0100644, modes.get("opt/app/config.yml"));
        assertEquals(0100755, modes.get("opt/app/run.sh"));
        assertEquals(0100600, modes.get("opt/app/keys/store.p12"));
        assertEquals(0100644, modes.get("etc/motd"));
        assertEquals(040755, modes.get("opt/app/keys/"));
        for (TarArchiveEntry entry : entries) {
            assertEquals(MTIME, entry.getLastModifiedTime().toInstant(), entry.getName());
            assertEquals(0, entry.getLongUserId(), entry.getName());
        }
    }

    /** The golden digests of the extra-directories layer: change them only on purpose. */
    @Test
    void goldenDigests() throws IOException {
        Layer layer = ReproducibleLayer.write(
                sample().layer().entries(),
                MTIME,
                OciLayout.openOrCreate(temp.resolve("oci")).store());
        assertEquals(
                "sha256:fe9662c521ed8f9e8a709acf08f2268b08fed8a1cc57285c9b8503bbfd004c22",
                layer.diffId().toString(),
                "diffId");
        assertEquals(
                "sha256:fb8e49d56c0ff0433c322ae893ae6d2750efce737c3d6c61113d39fcbd443dc6",
                layer.digest().toString(),
                "digest");
    }

    @Test
    void noPathOrEmptyDirectoriesMakeNoLayer() throws IOException {
        assertNull(ExtraDirectories.NONE.layer());
        Files.createDirectories(temp.resolve("empty/sub"));
        assertNull(new ExtraDirectories(List.of(new ExtraDirectories.Source(temp.resolve("empty"), "/opt")), Map.of())
                .layer());
    }

    private static void write(Path file, String content, String permissions) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }
}
