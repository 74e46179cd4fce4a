package io.github.dockerlayer.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dockerlayer.assemble.AppRuntime;
import io.github.dockerlayer.assemble.BuildRequest;
import io.github.dockerlayer.assemble.ImageBuild;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.layer.DependencyFile;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.registry.Registries;
import io.github.dockerlayer.source.FromImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * diff.json byte for byte as the diff goal wrote it before its reshape (the golden files were captured from that
 * code): a reference that exists (a saved layout of the build before a class change) and one that does not.
 */
class DiffJsonGoldenTest {
    @TempDir
    Path temp;

    private final BuildLog quiet = new BuildLog() {
        @Override
        public void info(String line) {}

        @Override
        public void warn(String line) {}
    };

    @Test
    void diffJsonKeepsItsBytes() throws IOException {
        Path root = temp.resolve("p");
        write(root.resolve("repo/lang.jar"), "lang bytes");
        write(root.resolve("target/classes/com/example/Main.class"), "main class bytes");
        BuildRequest request = new BuildRequest(
                root,
                root.resolve("target/docker-layer"),
                root.resolve("target/classes"),
                FromImage.parse("scratch", root),
                ImageReference.parse("r.example/app-base"),
                null,
                ImageReference.parse("r.example/app"),
                List.of("1.0"),
                "com.example.Main",
                new AppRuntime(
                        List.of(),
                        List.of(),
                        Map.of(),
                        List.of(),
                        Map.of(),
                        null,
                        null,
                        Instant.parse("2024-05-01T10:00:00Z")),
                List.of(new DependencyFile(
                        "org.apache",
                        "lang",
                        "3.17",
                        null,
                        "jar",
                        root.resolve("repo/lang.jar"),
                        DependencyFile.Kind.RELEASE)),
                "1.0",
                null,
                null,
                io.github.dockerlayer.image.Platform.LINUX_AMD64,
                null,
                BuildRequest.AppContent.NONE);
        new ImageBuild(request, quiet).buildApp();
        Path saved = root.resolve("saved/oci");
        try (var walk = Files.walk(root.resolve("target/docker-layer/oci"))) {
            for (Path path : walk.toList()) {
                Path target = saved.resolve(
                        root.resolve("target/docker-layer/oci").relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
        write(root.resolve("target/classes/com/example/Main.class"), "main class bytes, changed");
        new ImageBuild(request, quiet).buildApp();

        Path diffJson = root.resolve("target/docker-layer/diff.json");
        try (Registries registries = new Registries(null, null, temp.resolve("cache"), true, quiet)) {
            ImageDiff diff = new ImageDiff(root.resolve("target/docker-layer"), root, registries, quiet);
            diff.diff("oci:saved/oci:1.0", false);
            assertEquals(golden("diff-changed.json"), Files.readString(diffJson), "against a saved layout");
            diff.diff("oci:nothing-here/oci", false);
            assertEquals(golden("diff-missing.json"), Files.readString(diffJson), "against no image");
        }
    }

    @Test
    void aGoneLayerIsWrittenWithTheReferencesDigestAndNoneOfItsOwn() {
        io.github.dockerlayer.image.Digest jre = io.github.dockerlayer.image.Digest.sha256(new byte[] {1});
        io.github.dockerlayer.image.Digest old = io.github.dockerlayer.image.Digest.sha256(new byte[] {2});
        LayerComparison.Side now = new LayerComparison.Side(
                "r.example/app:2", jre, jre, null, null, List.of(new LayerComparison.Entry("from", jre, 10)));
        LayerComparison.Side ref = new LayerComparison.Side(
                "r.example/app:1",
                old,
                old,
                "r.example/app-base:v1",
                old,
                List.of(new LayerComparison.Entry("from", jre, 10), new LayerComparison.Entry("classes", old, 3)));
        String json =
                new String(ImageDiff.record(LayerComparison.compare(now, ref)).toJson(), StandardCharsets.UTF_8);
        String gone = "{\n    \"role\" : \"classes\",\n    \"digest\" : null,\n    \"size\" : 3,\n"
                + "    \"status\" : \"gone\",\n    \"referenceDigest\" : \"" + old + "\"\n  }";
        assertEquals(true, json.contains(gone), json);
        assertEquals(true, json.contains("\"base\" : {\n    \"image\" : null,\n    \"digest\" : null\n  }"), json);
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = DiffJsonGoldenTest.class.getResourceAsStream(name)) {
            return in == null ? "(no golden file " + name + ")" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
