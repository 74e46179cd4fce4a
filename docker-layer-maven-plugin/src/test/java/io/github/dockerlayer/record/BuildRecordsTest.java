package io.github.dockerlayer.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.image.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The records read and written in one place: what is read is written back byte for byte, typed. */
class BuildRecordsTest {
    @TempDir
    Path temp;

    static String golden(String name) throws IOException {
        try (var in = BuildRecordsTest.class.getResourceAsStream("/io/github/dockerlayer/record/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private BuildRecord roundTrip(String name, ImageKind kind) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, golden(name));
        BuildRecord record = BuildRecords.read(file, kind);
        Path again = temp.resolve("again-" + name);
        BuildRecords.write(again, record);
        assertEquals(golden(name), Files.readString(again), name);
        return record;
    }

    @Test
    void whatIsReadIsWrittenBackByteForByte() throws IOException {
        BuildRecord base = roundTrip("base-pushed.json", ImageKind.BASE);
        assertEquals("127.0.0.1:5000/base/jre:17", base.parent().image());
        assertNull(base.parent().digest(), "an unknown from digest stays null");
        assertEquals(List.of("com.example:lib:1.0"), base.dependencies());
        assertEquals("127.0.0.1:5000/base/jre", base.manifest().layers().get(0).repository());
        assertEquals("present", base.push().manifest());

        BuildRecord loaded = roundTrip("image-loaded.json", ImageKind.APP);
        assertNull(loaded.push());
        assertNull(loaded.dependencies());
        assertEquals("containerd", loaded.load().store());
        assertEquals("refused", loaded.load().fallback());
        assertEquals(4096, loaded.load().bytesSent());

        BuildRecord app = roundTrip("image-pushed.json", ImageKind.APP);
        assertEquals(List.of("1.0", "latest"), app.tags());
        assertEquals(3, app.manifest().layers().size());
        assertEquals(100L, app.manifest().layers().get(2).bytesSent());
        assertEquals("uploaded", app.manifest().layers().get(2).push());
        assertEquals(400L, app.push().bytesSent());
        assertEquals(app.manifest().digest().toString(), app.push().digest());
    }

    @Test
    void aDaemonsPushRecordsTheDigestAlone() throws IOException {
        Path file = temp.resolve("image.json");
        Files.writeString(file, golden("image-loaded.json"));
        BuildRecord record = BuildRecords.read(file, ImageKind.APP)
                .withPush(PushRecord.byDaemon("127.0.0.1:5000", "team/app", null));
        BuildRecords.write(file, record);
        String expected = golden("image-loaded.json").replaceFirst("\n}$", """
                ,
                  "push" : {
                    "via" : "daemon",
                    "registry" : "127.0.0.1:5000",
                    "repository" : "team/app",
                    "digest" : null
                  }
                }""");
        assertEquals(expected, Files.readString(file));
        assertEquals(record, BuildRecords.read(file, ImageKind.APP));
    }

    @Test
    void aRecordThatIsNoRecordIsSaidToBe() throws IOException {
        Path file = temp.resolve("image.json");
        Files.writeString(file, "{\"image\":\"app:1\",\"digest\":\"sha256:short\"}");
        IOException e = assertThrows(IOException.class, () -> BuildRecords.read(file, ImageKind.APP));
        assertTrue(e.getMessage().startsWith(file + " is not a build record: "), e.getMessage());
        Files.writeString(file, "[1, 2");
        e = assertThrows(IOException.class, () -> BuildRecords.read(file, ImageKind.APP));
        assertTrue(e.getMessage().startsWith("image.json is not valid JSON"), e.getMessage());
    }

    @Test
    void theOutputDirectoryNamesItsFiles() {
        OutputFiles files = OutputFiles.under(Path.of("target"));
        assertEquals(Path.of("target/docker-layer/base.json"), files.baseJson());
        assertEquals(Path.of("target/docker-layer/image.json"), files.record(ImageKind.APP));
        assertEquals(Path.of("target/docker-layer/diff.json"), files.diffJson());
        assertEquals(Path.of("target/docker-layer/daemon-loads.json"), files.daemonLoads());
        assertEquals(Path.of("target/docker-layer/oci"), files.layout());
        assertEquals(Path.of("target/docker-layer/cache"), files.cache());
    }

    @Test
    void theOutputDirectoryIsBuiltWhenBothRecordsAreThere() throws IOException {
        OutputFiles files = OutputFiles.under(temp);
        assertEquals(temp.resolve("docker-layer"), files.directory());
        assertFalse(files.built(), "no records");
        Files.createDirectories(files.directory());
        Files.writeString(files.imageJson(), "{}");
        assertFalse(files.built(), "image.json alone");
        Files.writeString(files.baseJson(), "{}");
        assertTrue(files.built(), "both records");
        Files.delete(files.imageJson());
        assertFalse(files.built(), "base.json alone");
    }

    static Digest digest(String text) {
        return Digest.sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
