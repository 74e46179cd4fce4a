package io.github.dockerlayer.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.assemble.BuildRequest;
import io.github.dockerlayer.assemble.ImageBuild;
import io.github.dockerlayer.diff.ImageDiff.Entry;
import io.github.dockerlayer.diff.ImageDiff.Result;
import io.github.dockerlayer.diff.ImageDiff.Row;
import io.github.dockerlayer.diff.ImageDiff.Side;
import io.github.dockerlayer.failure.CheckFailedException;
import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.layer.DependencyFile;
import io.github.dockerlayer.log.BuildLog;
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

/** The diff's golden cases (pure), the roles read from history, and one end-to-end diff against a saved layout. */
class ImageDiffTest {
    private static final Digest BASE_1 = d("base manifest 1");
    private static final Digest BASE_2 = d("base manifest 2");

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

    private static Digest d(String content) {
        return Digest.sha256(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Entry e(String role, String content, long size) {
        return new Entry(role, d(content), size);
    }

    /** The layers of a typical build: two JRE layers, dependencies, resources, classes, launch. */
    private static List<Entry> layers(String dependencies, String classes) {
        return List.of(
                e("from", "jre 1", 30_000_000),
                e("from", "jre 2", 1_000_000),
                e("dependencies", dependencies, 5_000_000),
                e("resources", "resources", 2_000),
                e("classes", classes, 9_000),
                e("launch", "launch", 500));
    }

    private static Side side(String name, String baseVersion, Digest baseDigest, List<Entry> layers) {
        return new Side(
                name,
                d("manifest " + layers),
                d("config " + layers),
                "r.example/app-base:" + baseVersion,
                baseDigest,
                layers);
    }

    private static List<String> statuses(Result result) {
        return result.rows().stream()
                .map(row -> row.role() + " " + row.status())
                .toList();
    }

    @Test
    void theSameImageIsTheSameEverywhereAndPullsNothing() {
        Result result = ImageDiff.compare(
                side("now", "v1", BASE_1, layers("deps", "classes")),
                side("ref", "v1", BASE_1, layers("deps", "classes")));
        assertEquals(
                List.of("from same", "from same", "dependencies same", "resources same", "classes same", "launch same"),
                statuses(result));
        assertEquals(0, result.bytesToPull());
        assertEquals(0, result.bytesToPullClassicStore());
        assertFalse(result.baseChanged());
    }

    @Test
    void aClassChangePullsTheClassesLayerAndTheClassicStoreAlsoWhatIsAboveIt() {
        Result result = ImageDiff.compare(
                side("now", "v1", BASE_1, layers("deps", "classes 2")),
                side("ref", "v1", BASE_1, layers("deps", "classes 1")));
        assertEquals(
                List.of(
                        "from same",
                        "from same",
                        "dependencies same",
                        "resources same",
                        "classes changed",
                        "launch same"),
                statuses(result));
        Row classes = result.rows().get(4);
        assertEquals(d("classes 2"), classes.digest());
        assertEquals(d("classes 1"), classes.referenceDigest());
        assertEquals(9_000, result.bytesToPull());
        assertEquals(9_000 + 500, result.bytesToPullClassicStore(), "classes and the launch layer stacked on it");
        assertFalse(result.baseChanged());
        assertEquals(List.of(), result.baseLayerChanges());
    }

    @Test
    void aNewDependencyMovesTheBase() {
        Result result = ImageDiff.compare(
                side("now", "v2", BASE_2, layers("deps + gson", "classes")),
                side("ref", "v1", BASE_1, layers("deps", "classes")));
        assertEquals(
                List.of(
                        "from same",
                        "from same",
                        "dependencies changed",
                        "resources same",
                        "classes same",
                        "launch same"),
                statuses(result));
        assertTrue(result.baseChanged());
        assertEquals(List.of("dependencies: changed"), result.baseLayerChanges());
        assertEquals(5_000_000, result.bytesToPull());
        assertEquals(5_000_000 + 2_000 + 9_000 + 500, result.bytesToPullClassicStore());
    }

    @Test
    void theBaseMovesWhenItsLabelsDoEvenWithEveryLayerTheSame() {
        // e.g. the from image's config changed (an environment variable), not its layers: a new base version
        Result version = ImageDiff.compare(
                side("now", "v2", BASE_2, layers("deps", "classes")),
                side("ref", "v1", BASE_1, layers("deps", "classes")));
        assertTrue(version.baseChanged());
        assertEquals(List.of(), version.baseLayerChanges());
        // the same version under another manifest digest (another zlib) is a move too
        assertTrue(ImageDiff.compare(
                        side("now", "v1", BASE_2, layers("deps", "classes")),
                        side("ref", "v1", BASE_1, layers("deps", "classes")))
                .baseChanged());
    }

    @Test
    void aRoleOnlyOneSideHasIsNewOrGoneAndAGoneLayerIsShownWhereItWas() {
        List<Entry> ref = List.of(
                e("from", "jre", 100),
                e("dependencies", "deps", 50),
                e("project-dependencies", "core", 20),
                e("classes", "classes", 10),
                e("launch", "launch", 1));
        List<Entry> now = List.of(
                e("from", "jre", 100),
                e("dependencies", "deps", 50),
                e("snapshot-dependencies", "snap", 30),
                e("classes", "classes", 10),
                e("launch", "launch", 1));
        Result result = ImageDiff.compare(side("now", "v2", BASE_2, now), side("ref", "v1", BASE_1, ref));
        assertEquals(
                List.of(
                        "from same",
                        "dependencies same",
                        "snapshot-dependencies new",
                        "project-dependencies gone",
                        "classes same",
                        "launch same"),
                statuses(result));
        Row gone = result.rows().get(3);
        assertNull(gone.digest());
        assertEquals(d("core"), gone.referenceDigest());
        assertEquals(20, gone.size(), "a gone layer shows the reference's size");
        assertNull(result.rows().get(2).referenceDigest());
        assertEquals(30, result.bytesToPull(), "classes and launch are held already (same digests, one place higher)");
        assertEquals(30 + 10 + 1, result.bytesToPullClassicStore(), "the chain differs from the third layer up");
        assertTrue(result.baseChanged());
        assertEquals(List.of("snapshot-dependencies: new", "project-dependencies: gone"), result.baseLayerChanges());
    }

    @Test
    void aFromImageWithAnotherNumberOfLayersChangesAndLosesFromLayers() {
        List<Entry> ref = List.of(
                e("from", "jre a", 100), e("from", "jre b", 100), e("from", "jre c", 100), e("classes", "classes", 10));
        List<Entry> now = List.of(e("from", "jre a", 100), e("from", "jre b2", 90), e("classes", "classes", 10));
        Result result = ImageDiff.compare(side("now", "v2", BASE_2, now), side("ref", "v1", BASE_1, ref));
        assertEquals(List.of("from same", "from changed", "from gone", "classes same"), statuses(result));
        assertEquals(90, result.bytesToPull());
        assertEquals(90 + 10, result.bytesToPullClassicStore());
    }

    @Test
    void aReferenceThatDoesNotExistMakesEveryLayerNewAndNoBaseChange() {
        Result result = ImageDiff.compare(
                side("now", "v1", BASE_1, layers("deps", "classes")), Side.missing("r.example/app:1"));
        assertEquals(
                List.of("from new", "from new", "dependencies new", "resources new", "classes new", "launch new"),
                statuses(result));
        long all = 30_000_000 + 1_000_000 + 5_000_000 + 2_000 + 9_000 + 500;
        assertEquals(all, result.bytesToPull());
        assertEquals(all, result.bytesToPullClassicStore());
        assertFalse(result.baseChanged(), "nothing to have moved from");
        assertFalse(result.reference().exists());
    }

    @Test
    void aLayerTwiceInTheImageIsPulledOnce() {
        List<Entry> now = List.of(e("from", "jre", 100), e("from", "same bytes", 7), e("from", "same bytes", 7));
        Result result = ImageDiff.compare(
                side("now", "v1", BASE_1, now), side("ref", "v1", BASE_1, List.of(e("from", "jre", 100))));
        assertEquals(7, result.bytesToPull());
        assertEquals(14, result.bytesToPullClassicStore());
    }

    @Test
    void aReferenceWithoutPluginHistoryIsAllFromAndItsBaseMoved() {
        // an image some other tool built: a JRE with our two JRE layers and one more, no labels
        ObjectNode config =
                config(List.of("ADD rootfs.tar /", "RUN apt-get install jre", "COPY app.jar /app/"), List.of());
        List<String> roles = ImageDiff.roles(config, 3);
        assertEquals(List.of("from", "from", "from"), roles);
        Side ref = new Side(
                "other/app:1",
                d("m"),
                d("c"),
                null,
                null,
                List.of(
                        e(roles.get(0), "jre 1", 30_000_000),
                        e(roles.get(1), "jre 2", 1_000_000),
                        e(roles.get(2), "app.jar", 80_000)));
        Result result = ImageDiff.compare(side("now", "v1", BASE_1, layers("deps", "classes")), ref);
        assertEquals(
                List.of(
                        "from same",
                        "from same",
                        "from gone",
                        "dependencies new",
                        "resources new",
                        "classes new",
                        "launch new"),
                statuses(result));
        assertTrue(result.baseChanged());
        assertEquals(5_000_000 + 2_000 + 9_000 + 500, result.bytesToPull());
    }

    @Test
    void rolesComeFromThePluginsHistoryMatchedFromTheTop() {
        // a JRE whose history has an empty-layer entry and lacks one for its first layer (as docker-archives may)
        ObjectNode config = config(
                List.of(
                        "RUN apt-get install jre",
                        "docker-layer:base dependencies",
                        "docker-layer:base snapshot-dependencies",
                        "docker-layer:image classes",
                        "docker-layer:image launch"),
                List.of("ENV LANG=C"));
        assertEquals(
                List.of("from", "from", "dependencies", "snapshot-dependencies", "classes", "launch"),
                ImageDiff.roles(config, 6));
        // a layer another tool put on top of ours
        ObjectNode more = config(
                List.of("ADD rootfs", "docker-layer:base dependencies", "docker-layer:image classes", "COPY x /x"),
                List.of());
        assertEquals(List.of("from", "dependencies", "classes", "other"), ImageDiff.roles(more, 4));
        // an unknown role after our prefix is no plugin entry
        assertEquals(
                List.of("from", "from"),
                ImageDiff.roles(config(List.of("a", "docker-layer:base tests"), List.of()), 2));
        assertEquals(List.of("from", "from"), ImageDiff.roles(Json.object(), 2), "no history at all");
    }

    /** A config whose history holds a layer entry per {@code createdBy}, after empty-layer entries. */
    private static ObjectNode config(List<String> createdBy, List<String> emptyLayers) {
        ObjectNode config = Json.object();
        ArrayNode history = config.putArray("history");
        emptyLayers.forEach(text -> history.addObject().put("created_by", text).put("empty_layer", true));
        createdBy.forEach(text -> history.addObject().put("created_by", text));
        return config;
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
                List.of(),
                List.of(),
                Map.of(),
                List.of(),
                Map.of(),
                null,
                null,
                Instant.parse("2024-05-01T10:00:00Z"),
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
                                    List.of(),
                                    List.of(),
                                    Map.of(),
                                    List.of(),
                                    Map.of(),
                                    null,
                                    null,
                                    request.outputTimestamp(),
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
                assertTrue(failure.getMessage().contains(needle), needle + " in: " + failure.getMessage());
            }
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
