package io.github.dockerlayer.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerlayer.assemble.AppRuntime;
import io.github.dockerlayer.assemble.BuildRequest;
import io.github.dockerlayer.assemble.ImageBuild;
import io.github.dockerlayer.diff.LayerComparison.Result;
import io.github.dockerlayer.failure.CheckFailedException;
import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.layer.DependencyFile;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.maven.MavenWording;
import io.github.dockerlayer.registry.Registries;
import io.github.dockerlayer.source.FromImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diff end to end: a build compared with a saved copy of its layout. */
class ImageDiffTest {

    @TempDir
    Path temp;

    private final List<String> logLines = new ArrayList<>();
    private final BuildLog log = new BuildLog() {
        @Override
        public void info(String line) {
            logLines.add(line);
        }

        @Override
        public void warn(String line) {
            logLines.add("WARN " + line);
        }
    };

    private static List<String> statuses(Result result) {
        return result.rows().stream()
                .map(row -> row.role() + " " + row.status())
                .toList();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // End to end: a build on scratch, compared with a saved copy of its layout
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void aBuildComparedWithItsSavedLayoutAfterAClassChange() throws IOException {
        Path root = temp.resolve("p");
        write(root.resolve("repo/lang.jar"), "lang bytes");
        write(root.resolve("target/classes/com/example/Main.class"), "main class bytes");
        List<DependencyFile> deps = List.of(new DependencyFile(
                "org.apache", "lang", "3.17", null, "jar", root.resolve("repo/lang.jar"), DependencyFile.Kind.RELEASE));
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
                deps,
                "1.0",
                null,
                null,
                Platform.LINUX_AMD64,
                null,
                BuildRequest.AppContent.NONE);
        new ImageBuild(request, log).buildApp();
        copyTree(root.resolve("target/docker-layer/oci"), root.resolve("saved/oci"));
        write(root.resolve("target/classes/com/example/Main.class"), "main class bytes, changed");
        new ImageBuild(request, log).buildApp();

        try (Registries registries = new Registries(null, null, temp.resolve("cache"), true, log)) {
            ImageDiff diff = new ImageDiff(root.resolve("target/docker-layer"), root, registries, log);
            assertTrue(diff.built());
            logLines.clear();
            // without a tag: the layout's app image; with one: that tag
            for (String against : List.of("oci:saved/oci", "oci:saved/oci:1.0")) {
                Result result = diff.diff(against, true);
                assertEquals(List.of("dependencies same", "launch same", "classes changed"), statuses(result), against);
                assertFalse(result.baseChanged());
            }
            JsonNode json = Json.MAPPER.readTree(
                    root.resolve("target/docker-layer/diff.json").toFile());
            JsonNode app = Json.MAPPER.readTree(
                    root.resolve("target/docker-layer/image.json").toFile());
            assertEquals("oci:saved/oci:1.0", json.path("reference").asText());
            assertFalse(json.path("baseChanged").asBoolean(true));
            // the classes layer is on top: a classic store pulls it alone too
            assertEquals(
                    app.path("layers").path(2).path("size").asLong(),
                    json.path("bytesToPull").asLong());
            assertEquals(
                    app.path("layers").path(2).path("size").asLong(),
                    json.path("bytesToPullClassicStore").asLong());
            assertEquals("changed", json.path("layers").path(2).path("status").asText());
            assertEquals(
                    app.path("layers").path(2).path("digest").asText(),
                    json.path("layers").path(2).path("digest").asText());
            assertTrue(json.path("referenceDigest").asText().startsWith("sha256:"));
            assertTrue(
                    logLines.stream()
                            .anyMatch(l -> l.matches(
                                    "  classes +\\S+ B  sha256:[0-9a-f]{12}  changed \\(was sha256:[0-9a-f]{12}\\)")),
                    logLines.toString());
            assertTrue(
                    logLines.stream().anyMatch(l -> l.contains("an engine with the classic store pulls")),
                    logLines.toString());

            // a reference that does not exist: every layer new, no failure even with failOnBaseChange
            Result missing = diff.diff("oci:nothing-here/oci", true);
            assertEquals(List.of("dependencies new", "launch new", "classes new"), statuses(missing));
            assertTrue(
                    logLines.stream()
                            .anyMatch(l -> l.startsWith("WARN failOnBaseChange: oci:nothing-here/oci does not exist")),
                    logLines.toString());
            assertTrue(Json.MAPPER
                    .readTree(root.resolve("target/docker-layer/diff.json").toFile())
                    .path("referenceDigest")
                    .isNull());

            // a new dependency: the base moved, and failOnBaseChange fails after writing diff.json
            write(root.resolve("repo/gson.jar"), "gson bytes");
            List<DependencyFile> more = new ArrayList<>(deps);
            more.add(new DependencyFile(
                    "com.google.code.gson",
                    "gson",
                    "2.11.0",
                    null,
                    "jar",
                    root.resolve("repo/gson.jar"),
                    DependencyFile.Kind.RELEASE));
            new ImageBuild(
                            new BuildRequest(
                                    root,
                                    request.outputDirectory(),
                                    request.classesDirectory(),
                                    request.from(),
                                    request.base(),
                                    null,
                                    request.image(),
                                    request.tags(),
                                    request.mainClass(),
                                    new AppRuntime(
                                            List.of(),
                                            List.of(),
                                            Map.of(),
                                            List.of(),
                                            Map.of(),
                                            null,
                                            null,
                                            request.runtime().outputTimestamp()),
                                    more,
                                    "1.0",
                                    null,
                                    null,
                                    Platform.LINUX_AMD64,
                                    null,
                                    BuildRequest.AppContent.NONE),
                            log)
                    .buildApp();
            CheckFailedException failure =
                    assertThrows(CheckFailedException.class, () -> diff.diff("oci:saved/oci", true));
            assertEquals("failOnBaseChange", failure.check());
            for (String needle : List.of(
                    "expected no base change",
                    "oci:saved/oci",
                    "dependencies: changed",
                    "r.example/app-base:",
                    "-Ddocker-layer.failOnBaseChange",
                    "docker-layer:push")) {
                String maven = MavenWording.phrase(failure.getMessage()); // the plugin layer writes the command lines
                assertTrue(maven.contains(needle), needle + " in: " + maven);
            }
            String advice =
                    ". Expected? Then drop -Ddocker-layer.failOnBaseChange (or <failOnBaseChange>) for this build, or push the new base deliberately (mvn package"
                            + " docker-layer:base docker-layer:image docker-layer:push) before running code-only jobs. Details: ";
            assertTrue(MavenWording.phrase(failure.getMessage()).contains(advice), failure.getMessage());
            assertTrue(Json.MAPPER
                    .readTree(root.resolve("target/docker-layer/diff.json").toFile())
                    .path("baseChanged")
                    .asBoolean());
            assertTrue(diff.diff("oci:saved/oci", false).baseChanged(), "without failOnBaseChange only reported");

            // a bad reference names <diffAgainst>
            InvalidParameterException bad =
                    assertThrows(InvalidParameterException.class, () -> diff.diff("Not A Ref", false));
            assertTrue(bad.getMessage().contains("<diffAgainst>"), bad.getMessage());
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
