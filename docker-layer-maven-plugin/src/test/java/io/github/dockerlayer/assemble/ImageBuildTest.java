package io.github.dockerlayer.assemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.image.Annotations;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.layer.DependencyFile;
import io.github.dockerlayer.layout.OciLayout;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.record.BuiltImage;
import io.github.dockerlayer.source.FromImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build end to end in-process, on scratch, with fake jars and class files. */
class ImageBuildTest {
    private static final Instant TIMESTAMP = Instant.parse("2024-05-01T10:00:00Z");

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

    /** A project in {@code dir}: two release jars, a snapshot jar, a reactor module jar, classes and a resource. */
    private Path project(String dir, long mtimeMillis) throws IOException {
        Path root = temp.resolve(dir);
        write(root.resolve("repo/guava.jar"), "guava bytes", mtimeMillis);
        write(root.resolve("repo/lang.jar"), "lang bytes", mtimeMillis);
        write(root.resolve("repo/snap.jar"), "snapshot bytes", mtimeMillis);
        write(root.resolve("core/target/core.jar"), "core module bytes", mtimeMillis);
        write(root.resolve("target/classes/com/example/Main.class"), "main class bytes", mtimeMillis);
        write(root.resolve("target/classes/com/example/Util.class"), "util class bytes", mtimeMillis);
        write(root.resolve("target/classes/application.properties"), "greeting=hi", mtimeMillis);
        return root;
    }

    private List<DependencyFile> dependencies(Path root, boolean withExtra) throws IOException {
        List<DependencyFile> deps = new ArrayList<>(List.of(
                new DependencyFile(
                        "com.google.guava",
                        "guava",
                        "33.0",
                        null,
                        "jar",
                        root.resolve("repo/guava.jar"),
                        DependencyFile.Kind.RELEASE),
                new DependencyFile(
                        "org.example",
                        "snap",
                        "1.0-SNAPSHOT",
                        null,
                        "jar",
                        root.resolve("repo/snap.jar"),
                        DependencyFile.Kind.SNAPSHOT),
                new DependencyFile(
                        "org.apache",
                        "lang",
                        "3.17",
                        null,
                        "jar",
                        root.resolve("repo/lang.jar"),
                        DependencyFile.Kind.RELEASE),
                new DependencyFile(
                        "com.example",
                        "core",
                        "1.0",
                        null,
                        "jar",
                        root.resolve("core/target/core.jar"),
                        DependencyFile.Kind.PROJECT)));
        if (withExtra) {
            write(root.resolve("repo/extra.jar"), "extra bytes", 0);
            deps.add(new DependencyFile(
                    "org.extra",
                    "extra",
                    "2.0",
                    null,
                    "jar",
                    root.resolve("repo/extra.jar"),
                    DependencyFile.Kind.RELEASE));
        }
        return deps;
    }

    private BuildRequest request(
            Path root, List<DependencyFile> deps, String mainClass, String baseVersion, List<String> tags) {
        return request(root, deps, mainClass, baseVersion, tags, "scratch");
    }

    private BuildRequest request(
            Path root,
            List<DependencyFile> deps,
            String mainClass,
            String baseVersion,
            List<String> tags,
            String from) {
        return new BuildRequest(
                root,
                root.resolve("target/docker-layer"),
                root.resolve("target/classes"),
                FromImage.parse(from, root),
                ImageReference.parse("example/app-base"),
                baseVersion,
                ImageReference.parse("example/app"),
                tags,
                mainClass,
                new AppRuntime(
                        List.of("-Xmx64m"),
                        List.of("--serve"),
                        Map.of("MODE", "prod"),
                        List.of("8080/tcp"),
                        Map.of("team", "core"),
                        "1000",
                        "/app",
                        TIMESTAMP),
                deps,
                "1.2.3",
                "0123456789abcdef0123456789abcdef01234567",
                "https://example.com/app",
                Platform.LINUX_AMD64,
                null,
                BuildRequest.AppContent.NONE);
    }

    private BuiltImage buildApp(Path root, List<DependencyFile> deps) throws IOException {
        return new ImageBuild(request(root, deps, "com.example.Main", null, List.of("1.2.3", "latest")), log)
                .buildApp();
    }

    @Test
    void sameInputsGiveTheSameDigestsWhateverThePathsAndMtimes() throws IOException {
        Path a = project("a", 1_600_000_000_000L);
        Path b = project("b", 1_700_000_000_000L);
        BuiltImage appA = buildApp(a, dependencies(a, false));
        BuiltImage appB = buildApp(b, dependencies(b, false));
        assertEquals(appA.manifest(), appB.manifest());
        assertEquals(
                Files.readString(a.resolve("target/docker-layer/image.json")),
                Files.readString(b.resolve("target/docker-layer/image.json")));
        assertEquals(
                Files.readString(a.resolve("target/docker-layer/base.json")),
                Files.readString(b.resolve("target/docker-layer/base.json")));
        // and a rebuild reuses every layer
        logLines.clear();
        assertEquals(appA.manifest(), buildApp(a, dependencies(a, false)).manifest());
        assertTrue(logLines.stream().noneMatch(l -> l.startsWith("Built ")), logLines.toString());
    }

    @Test
    void theStatusOfEachLayerSaysWhatTheBuildDidToGetIt() throws IOException {
        Path root = project("p", 0);
        assertEquals(
                List.of("new", "new", "new", "new", "new", "new"), statuses(buildApp(root, dependencies(root, false))));
        assertEquals(
                List.of("reused", "reused", "reused", "reused", "reused", "reused"),
                statuses(buildApp(root, dependencies(root, false))));
        // new times, same bytes (as after mvn clean package): rebuilt, same digest
        write(root.resolve("target/classes/com/example/Util.class"), "util class bytes", 5_000);
        assertEquals(
                List.of("reused", "reused", "reused", "reused", "reused", "unchanged"),
                statuses(buildApp(root, dependencies(root, false))));
        write(root.resolve("target/classes/com/example/Util.class"), "util class bytes, changed", 5_000);
        BuiltImage changed = buildApp(root, dependencies(root, false));
        assertEquals(
                List.of("reused", "reused", "reused", "reused", "reused", "new"),
                statuses(changed),
                "only the top layer moves");
        assertTrue(
                logLines.stream().anyMatch(l -> l.matches("  classes +\\S+ B  sha256:[0-9a-f]{12}  new")),
                logLines.toString());
    }

    @Test
    void fromLayersAreImportedOnceThenReused() throws IOException {
        Path fromProject = project("from", 0);
        BuiltImage from = buildApp(fromProject, dependencies(fromProject, false));
        Path root = project("p", 0);
        String spec = "oci:" + fromProject.resolve("target/docker-layer/oci") + ":1.2.3";
        BuildRequest request = request(root, dependencies(root, false), "com.example.Main", null, List.of("2.0"), spec);
        List<String> first = statuses(new ImageBuild(request, log).buildApp());
        assertEquals(
                Collections.nCopies(from.layers().size(), "imported"),
                first.subList(0, from.layers().size()));
        assertTrue(
                logLines.stream().anyMatch(l -> l.matches("Importing from-image layer sha256:[0-9a-f]{12} \\(.*\\)")),
                logLines.toString());
        List<String> second = statuses(new ImageBuild(request, log).buildApp());
        assertEquals(Collections.nCopies(second.size(), "reused"), second);
    }

    @Test
    void theAppKeepsNoneOfTheFromImagesOciLabels() throws IOException {
        Path fromProject = project("from", 0); // its app image carries revision, source, version... and team=core
        buildApp(fromProject, dependencies(fromProject, false));
        Path root = project("p", 0);
        BuildRequest r = request(
                root,
                dependencies(root, false),
                "com.example.Main",
                null,
                List.of("2.0"),
                "oci:" + fromProject.resolve("target/docker-layer/oci") + ":1.2.3");
        BuildRequest noGitNoScm = with(r, r.runtime().environment(), Map.of(), "2.0", null, null);
        JsonNode labels = new ImageBuild(noGitNoScm, log)
                .buildApp()
                .image()
                .config()
                .path("config")
                .path("Labels");
        assertFalse(labels.has(Annotations.REVISION), labels.toString());
        assertFalse(labels.has(Annotations.SOURCE), labels.toString());
        assertEquals("2.0", labels.path(Annotations.VERSION).asText());
        JsonNode base = Json.MAPPER.readTree(
                root.resolve("target/docker-layer/base.json").toFile());
        assertEquals(
                base.path("image").asText(),
                labels.path(Annotations.BASE_NAME).asText(),
                "base.name names this build's base");
        assertEquals(
                base.path("digest").asText(),
                labels.path(Annotations.BASE_DIGEST).asText());
        assertEquals("core", labels.path("team").asText(), "labels of other namespaces are inherited as Docker does");
    }

    @Test
    void aNonAsciiFileNameOnTheClasspathGetsAUtf8LocaleUnlessOneIsSet() throws IOException {
        Path root = project("p", 0);
        assertFalse(
                env(buildApp(root, dependencies(root, false))).toString().contains("LANG"), "no LANG for ASCII names");
        write(root.resolve("target/classes/caf\u00e9.txt"), "cr\u00e8me", 0);
        List<String> env = env(buildApp(root, dependencies(root, false)));
        assertTrue(env.contains("LANG=C.UTF-8"), env.toString());
        assertTrue(
                logLines.stream().anyMatch(l -> l.startsWith("Setting LANG=C.UTF-8 in the image")),
                logLines.toString());

        BuildRequest r = request(root, dependencies(root, false), "com.example.Main", null, List.of("1"));
        BuildRequest withLocale =
                with(r, Map.of("LC_ALL", "de_DE.UTF-8"), r.runtime().labels(), r.version(), r.revision(), r.source());
        assertEquals(List.of("LC_ALL=de_DE.UTF-8"), env(new ImageBuild(withLocale, log).buildApp()));
    }

    @Test
    void withNothingToSetTheFromImagesEnvIsKeptByteForByte() throws IOException {
        OciLayout jre = OciLayout.openOrCreate(temp.resolve("jre"));
        Descriptor manifest = jre.writeImage(Images.withContainerConfig(
                Images.scratch(),
                config -> config.putArray("Env")
                        .add("PATH=/bin")
                        .add("PATH=/usr/bin")
                        .add("BARE")));
        jre.writeIndex(List.of(manifest.withAnnotations(Map.of(Annotations.REF_NAME, "17"))));
        Path root = project("p", 0);
        BuildRequest r = request(
                root,
                dependencies(root, false),
                "com.example.Main",
                null,
                List.of("1"),
                "oci:" + temp.resolve("jre") + ":17");
        BuiltImage app = new ImageBuild(
                        with(r, Map.of(), r.runtime().labels(), r.version(), r.revision(), r.source()), log)
                .buildApp();
        assertEquals(List.of("PATH=/bin", "PATH=/usr/bin", "BARE"), env(app));
    }

    /** {@code r} with other environment, labels, version, revision and source. */
    private static BuildRequest with(
            BuildRequest r,
            Map<String, String> environment,
            Map<String, String> labels,
            String version,
            String revision,
            String source) {
        return new BuildRequest(
                r.projectDirectory(),
                r.outputDirectory(),
                r.classesDirectory(),
                r.from(),
                r.base(),
                r.baseVersion(),
                r.image(),
                r.tags(),
                r.mainClass(),
                new AppRuntime(
                        r.runtime().jvmFlags(),
                        r.runtime().args(),
                        environment,
                        r.runtime().ports(),
                        labels,
                        r.runtime().user(),
                        r.runtime().workingDirectory(),
                        r.runtime().outputTimestamp()),
                r.dependencies(),
                version,
                revision,
                source,
                r.platform(),
                r.sharedBase(),
                BuildRequest.AppContent.NONE);
    }

    private static List<String> env(BuiltImage image) {
        List<String> env = new ArrayList<>();
        image.image().config().path("config").path("Env").forEach(item -> env.add(item.asText()));
        return env;
    }

    @Test
    void theBaseVersionDoesNotDependOnTheNameTheFromImageWasReadBy() throws IOException {
        Path fromProject = project("from", 0);
        buildApp(fromProject, dependencies(fromProject, false)); // tagged 1.2.3 and latest: one image, two names
        String layout = "oci:" + fromProject.resolve("target/docker-layer/oci");
        Path a = project("a", 0);
        Path b = project("b", 0);
        BuiltImage baseA = new ImageBuild(
                        request(a, dependencies(a, false), "com.example.Main", null, List.of("1"), layout + ":1.2.3"),
                        log)
                .buildBase();
        BuiltImage baseB = new ImageBuild(
                        request(b, dependencies(b, false), "com.example.Main", null, List.of("1"), layout + ":latest"),
                        log)
                .buildBase();
        assertEquals(baseA.reference(), baseB.reference());
        JsonNode labels = baseA.image().config().path("config").path("Labels");
        assertFalse(labels.has(Annotations.BASE_NAME) || labels.has(Annotations.BASE_DIGEST), labels.toString());
        JsonNode from = Json.MAPPER
                .readTree(a.resolve("target/docker-layer/base.json").toFile())
                .path("from");
        assertEquals(
                "example/app:1.2.3",
                from.path("image").asText(),
                "base.json still says where the from image came from");
    }

    private static List<String> statuses(BuiltImage image) {
        return image.layers().stream().map(layer -> layer.status().label()).toList();
    }

    @Test
    void layersAreInTheDesignsOrder() throws IOException {
        Path root = project("p", 0);
        BuiltImage app = buildApp(root, dependencies(root, false));
        assertEquals(
                List.of(
                        "dependencies",
                        "snapshot-dependencies",
                        "project-dependencies",
                        "launch",
                        "resources",
                        "classes"),
                app.layers().stream().map(layer -> layer.role().label()).toList());
        JsonNode report = Json.MAPPER.readTree(
                root.resolve("target/docker-layer/image.json").toFile());
        assertEquals("example/app:1.2.3", report.path("image").asText());
        assertEquals(app.manifest().digest().toString(), report.path("digest").asText());
        assertEquals(
                app.image().configDescriptor().digest().toString(),
                report.path("imageId").asText());
        assertEquals(6, report.path("layers").size());
        assertEquals("classes", report.path("layers").get(5).path("role").asText(), "classes on top");
    }

    @Test
    void oneClassChangeMovesOnlyTheClassesLayer() throws IOException {
        Path root = project("p", 0);
        BuiltImage before = buildApp(root, dependencies(root, false));
        write(root.resolve("target/classes/com/example/Util.class"), "util class bytes, changed", 0);
        BuiltImage after = buildApp(root, dependencies(root, false));
        List<String> moved = new ArrayList<>();
        for (int i = 0; i < before.layers().size(); i++) {
            if (!before.layers().get(i).layer().equals(after.layers().get(i).layer())) {
                moved.add(before.layers().get(i).role().label());
            }
        }
        assertEquals(List.of("classes"), moved);
        assertEquals(baseDigest(before), baseDigest(after));
        assertNotEquals(before.manifest().digest(), after.manifest().digest());
    }

    @Test
    void aNewDependencyMovesTheBaseVersionAndTheDependenciesLayerOnly() throws IOException {
        Path root = project("p", 0);
        BuiltImage before = buildApp(root, dependencies(root, false));
        BuiltImage after = buildApp(root, dependencies(root, true));
        assertNotEquals(baseDigest(before), baseDigest(after));
        assertEquals(before.layers().get(1).layer(), after.layers().get(1).layer(), "snapshot layer unchanged");
        assertNotEquals(before.layers().get(0).layer(), after.layers().get(0).layer(), "dependencies layer moved");
        OciLayout layout = OciLayout.open(root.resolve("target/docker-layer/oci"));
        List<String> names = layout.indexEntries().stream()
                .map(d -> d.annotations().get(Annotations.REF_NAME))
                .sorted()
                .toList();
        String newVersion = baseConfigDigest(root).substring("sha256:".length(), "sha256:".length() + 12);
        assertEquals(List.of("1.2.3", newVersion, "latest").stream().sorted().toList(), names);
    }

    @Test
    void theBaseDoesNotDependOnTheAppsTimestampOrVersion() throws IOException {
        Path root = project("p", 0);
        List<DependencyFile> deps = dependencies(root, false);
        BuiltImage one = new ImageBuild(request(root, deps, "com.example.Main", null, List.of("1")), log).buildBase();
        BuildRequest other = request(root, deps, "com.example.Main", null, List.of("2"));
        other = new BuildRequest(
                other.projectDirectory(),
                other.outputDirectory(),
                other.classesDirectory(),
                other.from(),
                other.base(),
                null,
                other.image(),
                other.tags(),
                other.mainClass(),
                new AppRuntime(
                        other.runtime().jvmFlags(),
                        other.runtime().args(),
                        other.runtime().environment(),
                        other.runtime().ports(),
                        other.runtime().labels(),
                        other.runtime().user(),
                        other.runtime().workingDirectory(),
                        TIMESTAMP.plusSeconds(86_400)),
                deps,
                "9.9.9",
                "ffffffffffffffffffffffffffffffffffffffff",
                null,
                Platform.LINUX_AMD64,
                null,
                BuildRequest.AppContent.NONE);
        assertEquals(one.manifest(), new ImageBuild(other, log).buildBase().manifest());
    }

    @Test
    void theAppConfigRunsJavaWithTheClasspathAndCarriesTheLabels() throws IOException {
        Path root = project("p", 0);
        BuiltImage app = buildApp(root, dependencies(root, false));
        ObjectNode config = app.image().config();
        JsonNode container = config.path("config");
        assertEquals(
                "[\"java\",\"-Xmx64m\",\"-cp\",\"/app/resources:/app/classes:/app/libs/guava-33.0.jar:"
                        + "/app/libs/snap-1.0-SNAPSHOT.jar:/app/libs/lang-3.17.jar:/app/libs/core-1.0.jar\",\"com.example.Main\"]",
                container.path("Entrypoint").toString());
        assertEquals("[\"--serve\"]", container.path("Cmd").toString());
        assertEquals("[\"MODE=prod\"]", container.path("Env").toString());
        assertTrue(container.path("ExposedPorts").has("8080/tcp"));
        assertEquals("1000", container.path("User").asText());
        assertEquals("/app", container.path("WorkingDir").asText());
        JsonNode labels = container.path("Labels");
        assertEquals("1.2.3", labels.path(Annotations.VERSION).asText());
        assertEquals(
                "0123456789abcdef0123456789abcdef01234567",
                labels.path(Annotations.REVISION).asText());
        assertEquals("https://example.com/app", labels.path(Annotations.SOURCE).asText());
        assertEquals(TIMESTAMP.toString(), labels.path(Annotations.CREATED).asText());
        assertEquals(baseDigest(app), labels.path(Annotations.BASE_DIGEST).asText());
        assertTrue(labels.path(Annotations.BASE_NAME).asText().startsWith("example/app-base:"));
        assertEquals("core", labels.path("team").asText());
        assertEquals(TIMESTAMP.toString(), config.path("created").asText());
        assertEquals(6, config.path("rootfs").path("diff_ids").size());
        assertEquals(6, config.path("history").size());
    }

    @Test
    void aFixedBaseVersionNamesTheBase() throws IOException {
        Path root = project("p", 0);
        BuiltImage base = new ImageBuild(
                        request(root, dependencies(root, false), "com.example.Main", "7", List.of("1.0")), log)
                .buildBase();
        assertEquals("example/app-base:7", base.reference().toString());
        JsonNode report = Json.MAPPER.readTree(
                root.resolve("target/docker-layer/base.json").toFile());
        assertEquals("example/app-base:7", report.path("image").asText());
        assertEquals("scratch", report.path("from").path("image").asText());
    }

    @Test
    void aBaseVersionEqualToAnAppTagIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path root = project("p", 0);
        InvalidParameterException e = assertThrows(
                InvalidParameterException.class,
                () -> new ImageBuild(
                                request(root, dependencies(root, false), "com.example.Main", "1.0", List.of("1.0")),
                                log)
                        .buildApp());
        assertTrue(e.getMessage().contains("<baseVersion>"), e.getMessage());
        assertFalse(Files.exists(root.resolve("target/docker-layer")));
    }

    @Test
    void theBaseGoalAlsoRefusesABaseVersionEqualToAnAppTag() throws IOException {
        Path root = project("p", 0);
        BuiltImage app = buildApp(root, dependencies(root, false));
        assertThrows(
                InvalidParameterException.class,
                () -> new ImageBuild(request(root, dependencies(root, false), null, "1.2.3", List.of("1.2.3")), log)
                        .buildBase());
        OciLayout layout = OciLayout.open(root.resolve("target/docker-layer/oci"));
        assertTrue(
                layout.indexEntries().stream()
                        .map(Descriptor::digest)
                        .anyMatch(app.manifest().digest()::equals),
                "the app image must stay in the layout");
    }

    @Test
    void theDerivedBaseVersionIsTheConfigDigestsPrefix() throws IOException {
        Path root = project("p", 0);
        BuiltImage base = new ImageBuild(
                        request(root, dependencies(root, false), "com.example.Main", null, List.of("1")), log)
                .buildBase();
        assertEquals(
                base.image().configDescriptor().digest().shortHex(12),
                base.reference().tag());
    }

    @Test
    void aFailedFirstBuildRemovesTheReportsItWrote() throws IOException {
        Path root = project("p", 0);
        List<DependencyFile> deps = dependencies(root, false);
        // the base builds, then the app fails: its classes directory holds a symbolic link cycle
        Path classes = root.resolve("target/classes");
        write(classes.resolve("com/example/Main.class"), "x", 0);
        Files.createDirectories(classes.resolve("loop"));
        Files.createSymbolicLink(classes.resolve("loop/back"), classes.resolve("loop"));
        assertThrows(Exception.class, () -> buildApp(root, deps));
        assertFalse(Files.exists(root.resolve("target/docker-layer/oci")));
        assertFalse(Files.exists(root.resolve("target/docker-layer/base.json")), "base.json names a base that is gone");
    }

    @Test
    void noMainClassFailsNamingTheParameterAndLeavesNoLayout() throws IOException {
        Path root = project("p", 0); // the fake class files are not real classes: nothing has a main method
        InvalidParameterException e = assertThrows(
                InvalidParameterException.class,
                () -> new ImageBuild(request(root, dependencies(root, false), null, null, List.of("1")), log)
                        .buildApp());
        assertEquals("mainClass", e.parameter());
        assertTrue(e.getMessage().contains("Fix: set <mainClass>"), e.getMessage());
        assertFalse(Files.exists(root.resolve("target/docker-layer/oci")));
    }

    @Test
    void theBaseGoalChecksTheMainClassBeforeBuildingAnyLayer() throws IOException {
        Path root = project("p", 0); // the fake class files are not real classes: nothing has a main method
        InvalidParameterException e = assertThrows(
                InvalidParameterException.class,
                () -> new ImageBuild(request(root, dependencies(root, false), null, null, List.of("1")), log)
                        .buildBase());
        assertEquals("mainClass", e.parameter());
        assertTrue(logLines.stream().noneMatch(l -> l.startsWith("Building ")), "a layer was built first: " + logLines);
        assertFalse(Files.exists(root.resolve("target/docker-layer")));
    }

    @Test
    void anUncompiledProjectFailsSayingToRunAfterPackage() throws IOException {
        Path root = temp.resolve("uncompiled");
        Files.createDirectories(root);
        InvalidParameterException e = assertThrows(
                InvalidParameterException.class,
                () -> new ImageBuild(request(root, List.of(), null, null, List.of("1")), log).buildApp());
        assertEquals("mainClass", e.parameter());
        assertTrue(
                e.getMessage().contains("target/classes does not exist")
                        && e.getMessage().contains("not compiled yet")
                        && io.github.dockerlayer.maven.MavenWording.phrase(e.getMessage())
                                .contains(
                                        "Fix: run the goal after the package phase, e.g. mvn package docker-layer:image"),
                e.getMessage());
        assertFalse(Files.exists(root.resolve("target/docker-layer")));
    }

    @Test
    void aMainClassFromADependencyBuildsWithoutClassesAndWarns() throws IOException {
        Path root = project("p", 0);
        deleteTree(root.resolve("target/classes"));
        BuiltImage app = new ImageBuild(
                        request(root, dependencies(root, false), "org.apache.Tool", null, List.of("1")), log)
                .buildApp();
        assertEquals(
                "org.apache.Tool",
                app.image().config().path("config").path("Entrypoint").path(4).asText());
        assertTrue(
                logLines.stream()
                        .anyMatch(l -> l.startsWith("WARN ")
                                && l.contains("target/classes does not exist")
                                && l.contains("unless org.apache.Tool comes from a dependency")),
                logLines.toString());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void aFailureInAFirstBuildRemovesTheHalfWrittenLayout() throws IOException {
        Path root = project("p", 0);
        List<DependencyFile> deps = new ArrayList<>(dependencies(root, false));
        deps.add(new DependencyFile(
                "g", "gone", "1", null, "jar", root.resolve("repo/gone.jar"), DependencyFile.Kind.PROJECT));
        assertThrows(IOException.class, () -> buildApp(root, deps));
        assertFalse(Files.exists(root.resolve("target/docker-layer/oci")));
    }

    @Test
    void aFailureInALaterBuildKeepsThePreviousIndex() throws IOException {
        Path root = project("p", 0);
        BuiltImage good = buildApp(root, dependencies(root, false));
        List<DependencyFile> deps = new ArrayList<>(dependencies(root, false));
        deps.add(new DependencyFile(
                "g", "gone", "1", null, "jar", root.resolve("repo/gone.jar"), DependencyFile.Kind.PROJECT));
        assertThrows(IOException.class, () -> buildApp(root, deps));
        OciLayout layout = OciLayout.open(root.resolve("target/docker-layer/oci"));
        assertTrue(layout.indexEntries().stream()
                .map(Descriptor::digest)
                .anyMatch(good.manifest().digest()::equals));
    }

    private static String baseConfigDigest(Path root) throws IOException {
        return Json.MAPPER
                .readTree(root.resolve("target/docker-layer/base.json").toFile())
                .path("imageId")
                .asText();
    }

    private static String baseDigest(BuiltImage app) {
        return app.image()
                .config()
                .path("config")
                .path("Labels")
                .path(Annotations.BASE_DIGEST)
                .asText();
    }

    private static void write(Path file, String content, long mtimeMillis) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeMillis));
    }

    @Test
    void aMovedBaseIsLoggedWithTheDependenciesAddedAndTheLayersThatChanged() throws IOException {
        Path root = project("moved", 1_600_000_000_000L);
        buildApp(root, dependencies(root, false));
        assertTrue(
                logLines.stream().noneMatch(l -> l.contains("base moved")),
                "a first build has nothing to compare: " + logLines);
        JsonNode first = Json.MAPPER.readTree(
                root.resolve("target/docker-layer/base.json").toFile());
        assertEquals(
                List.of(
                        "com.example:core:1.0",
                        "com.google.guava:guava:33.0",
                        "org.apache:lang:3.17",
                        "org.example:snap:1.0-SNAPSHOT"),
                Json.MAPPER.convertValue(first.path("dependencies"), List.class),
                "base.json lists the base's dependencies, sorted");

        logLines.clear();
        buildApp(root, dependencies(root, false));
        assertTrue(
                logLines.stream().noneMatch(l -> l.contains("base moved")),
                "an unchanged base is not reported: " + logLines);

        buildApp(root, dependencies(root, true));
        String line = logLines.stream()
                .filter(l -> l.startsWith("The base moved: "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no base-move line in " + logLines));
        JsonNode second = Json.MAPPER.readTree(
                root.resolve("target/docker-layer/base.json").toFile());
        assertTrue(
                line.contains(first.path("image").asText() + " -> "
                        + second.path("image").asText()),
                line);
        assertTrue(line.contains("added org.extra:extra:2.0"), line);
        assertTrue(line.contains("layers changed: dependencies)"), "only the release layer moved: " + line);
        assertFalse(line.contains("removed"), line);
    }

    @Test
    void aResourcesLayerThatMovedSaysWhichFileMovedIt() throws IOException {
        Path root = project("p", 0);
        buildApp(root, dependencies(root, false));
        write(root.resolve("target/classes/META-INF/build-info.properties"), "build.time=2026-12-03T10:00:00Z", 0);
        buildApp(root, dependencies(root, false));
        logLines.clear();
        write(root.resolve("target/classes/META-INF/build-info.properties"), "build.time=2026-12-03T10:05:00Z", 0);
        buildApp(root, dependencies(root, false));
        String line = logLines.stream()
                .filter(l -> l.startsWith("The resources layer of example/app moved"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line on the moved resources layer in " + logLines));
        assertTrue(line.contains("not by a class: changed app/resources/META-INF/build-info.properties."), line);
        assertTrue(line.contains("<project.build.outputTimestamp>"), line);

        logLines.clear();
        write(root.resolve("target/classes/com/example/Main.class"), "main class bytes, changed", 0);
        buildApp(root, dependencies(root, false));
        assertTrue(
                logLines.stream().noneMatch(l -> l.contains(" moved, not by a class")),
                "only the classes moved: " + logLines);
    }

    @Test
    void aBaseMovedByItsRepositoryOrItsFromImageSaysSo() throws IOException {
        Path fromProject = project("from", 0);
        buildApp(fromProject, dependencies(fromProject, false)); // an image to stand on: oci:...:1.2.3
        String layout = "oci:" + fromProject.resolve("target/docker-layer/oci");
        Path root = project("p", 0);
        new ImageBuild(request(root, dependencies(root, false), "com.example.Main", null, List.of("1")), log)
                .buildBase();
        BuildRequest elsewhere = new BuildRequest(
                root,
                root.resolve("target/docker-layer"),
                root.resolve("target/classes"),
                FromImage.parse("scratch", root),
                ImageReference.parse("registry.example.com:5000/team/app-base"),
                null,
                ImageReference.parse("example/app"),
                List.of("1"),
                "com.example.Main",
                new AppRuntime(List.of(), List.of(), Map.of(), List.of(), Map.of(), null, null, TIMESTAMP),
                dependencies(root, false),
                "1.2.3",
                null,
                null,
                Platform.LINUX_AMD64,
                null,
                BuildRequest.AppContent.NONE);
        logLines.clear();
        new ImageBuild(elsewhere, log).buildBase();
        String line = logLines.stream()
                .filter(l -> l.startsWith("The base moved: "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no base-move line in " + logLines));
        assertTrue(line.contains("(repository example/app-base -> registry.example.com:5000/team/app-base)"), line);

        logLines.clear();
        new ImageBuild(
                        request(
                                root,
                                dependencies(root, false),
                                "com.example.Main",
                                null,
                                List.of("1"),
                                layout + ":1.2.3"),
                        log)
                .buildBase();
        line = logLines.stream()
                .filter(l -> l.startsWith("The base moved: "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no base-move line in " + logLines));
        assertTrue(line.contains("from scratch -> example/app:1.2.3"), line);
        assertTrue(line.contains("repository registry.example.com:5000/team/app-base -> example/app-base"), line);
        assertTrue(line.contains("layers changed: from"), line);
    }
}
