package io.github.dockerlayer.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerPlanTest {
    @TempDir
    Path temp;

    private DependencyFile dep(String group, String artifact, String version, DependencyFile.Kind kind)
            throws IOException {
        Path file = temp.resolve(group + "." + artifact + ".jar");
        Files.writeString(file, artifact);
        return new DependencyFile(group, artifact, version, null, "jar", file, kind);
    }

    @Test
    void baseLayersAreReleaseSnapshotProjectInThatOrderAndEmptyOnesAreLeftOut() throws IOException {
        DependencyFile guava = dep("com.google", "guava", "33.0", DependencyFile.Kind.RELEASE);
        DependencyFile module = dep("com.example", "core", "1.0-SNAPSHOT", DependencyFile.Kind.PROJECT);
        DependencyFile lang = dep("org.apache", "lang", "3.0", DependencyFile.Kind.RELEASE);
        List<LayerPlan.PlannedLayer> layers = LayerPlan.baseLayers(List.of(guava, module, lang));
        assertEquals(
                List.of("dependencies", "project-dependencies"),
                layers.stream().map(layer -> layer.role().label()).toList());
        assertEquals(
                List.of("/app/libs/guava-33.0.jar", "/app/libs/lang-3.0.jar"),
                layers.get(0).entries().stream().map(LayerEntry::path).toList());
        assertEquals(
                List.of("/app/libs/core-1.0-SNAPSHOT.jar"),
                layers.get(1).entries().stream().map(LayerEntry::path).toList());
    }

    @Test
    void sameFileNameFromTwoGroupsIsPrefixedWithTheGroup() throws IOException {
        DependencyFile a = dep("org.one", "util", "1.0", DependencyFile.Kind.RELEASE);
        DependencyFile b = dep("org.two", "util", "1.0", DependencyFile.Kind.RELEASE);
        DependencyFile c = dep("org.two", "other", "1.0", DependencyFile.Kind.RELEASE);
        assertEquals(
                List.of(
                        "/app/resources",
                        "/app/classes",
                        "/app/libs/org.one-util-1.0.jar",
                        "/app/libs/org.two-util-1.0.jar",
                        "/app/libs/other-1.0.jar"),
                LayerPlan.classpath(List.of(a, b, c)));
    }

    @Test
    void classifierAndClassesDirectory() throws IOException {
        Path jar = temp.resolve("x.jar");
        Files.writeString(jar, "x");
        Path classes = temp.resolve("module/target/classes");
        Files.createDirectories(classes.resolve("com/example"));
        Files.writeString(classes.resolve("com/example/A.class"), "a");
        DependencyFile natives =
                new DependencyFile("g", "netty", "4.1", "linux-x86_64", "jar", jar, DependencyFile.Kind.RELEASE);
        DependencyFile module =
                new DependencyFile("g", "core", "1.0", null, "jar", classes, DependencyFile.Kind.PROJECT);
        List<LayerPlan.PlannedLayer> layers = LayerPlan.baseLayers(List.of(natives, module));
        assertEquals(
                "/app/libs/netty-4.1-linux-x86_64.jar",
                layers.get(0).entries().get(0).path());
        assertEquals(
                "/app/libs/core-1.0/com/example/A.class",
                layers.get(1).entries().get(0).path());
        assertEquals(
                "/app/libs/core-1.0",
                LayerPlan.classpath(List.of(natives, module)).get(3));
    }

    @Test
    void appLayersStartWithLaunchMetadataThenSplitResourcesFromClasses() throws IOException {
        Path out = temp.resolve("classes");
        Files.createDirectories(out.resolve("com/example"));
        Files.writeString(out.resolve("com/example/Main.class"), "c");
        Files.writeString(out.resolve("application.yml"), "r");
        Files.createDirectories(out.resolve("empty/dir"));
        List<LayerPlan.PlannedLayer> layers =
                LayerPlan.appLayers(out, List.of("/app/resources", "/app/classes"), "com.example.Main");
        // launch lowest: it moves only with the classpath and the main class, so a code change moves the top layer only
        assertEquals(
                List.of("launch", "resources", "classes"),
                layers.stream().map(layer -> layer.role().label()).toList());
        assertEquals(
                "/app/resources/application.yml", layers.get(1).entries().get(0).path());
        assertEquals(
                "/app/classes/com/example/Main.class",
                layers.get(2).entries().get(0).path());
        LayerEntry classpath = layers.get(0).entries().get(0);
        assertEquals("/app/docker-layer/classpath", classpath.path());
        assertEquals("/app/resources:/app/classes\n", new String(classpath.content(), StandardCharsets.UTF_8));
        assertEquals(
                "com.example.Main\n", new String(layers.get(0).entries().get(1).content(), StandardCharsets.UTF_8));
    }

    @Test
    void namesAreTheFilesBytesAsUtf8WithNothingEncodedOrDecodedTwice() throws IOException {
        Path out = temp.resolve("out dir");
        for (String name : List.of("café.txt", "a+b c%41.txt", "日本/語.properties")) {
            Path file = out.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, name);
            assertEquals(name, LayerPlan.relative(out, file));
        }
    }

    @Test
    void symbolicLinksToDirectoriesAreFollowed() throws IOException {
        Path out = temp.resolve("classes");
        Path elsewhere = temp.resolve("static");
        Files.createDirectories(elsewhere);
        Files.writeString(elsewhere.resolve("index.html"), "<html/>");
        Files.createDirectories(out);
        Files.createSymbolicLink(out.resolve("static"), elsewhere);
        List<LayerPlan.PlannedLayer> layers = LayerPlan.appLayers(out, List.of(), "Main");
        assertEquals(
                "/app/resources/static/index.html",
                layers.get(1).entries().get(0).path());
    }

    @Test
    void noOutputDirectoryGivesOnlyTheLaunchLayer() throws IOException {
        List<LayerPlan.PlannedLayer> layers = LayerPlan.appLayers(temp.resolve("missing"), List.of(), "Main");
        assertEquals(
                List.of("launch"),
                layers.stream().map(layer -> layer.role().label()).toList());
    }

    @Test
    void packagedModeTheProjectsJarIsOneLayerAtAFixedPathFirstOnTheClasspath() throws IOException {
        Path jar = temp.resolve("target/app-1.0.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        LayerPlan.PlannedLayer layer = LayerPlan.jarLayer(jar);
        assertEquals("jar", layer.role().label());
        assertEquals(
                List.of("/app/app.jar"),
                layer.entries().stream().map(LayerEntry::path).toList());
        DependencyFile guava = dep("com.google", "guava", "33.0", DependencyFile.Kind.RELEASE);
        assertEquals(
                List.of("/app/app.jar", "/app/libs/guava-33.0.jar"),
                LayerPlan.classpath(List.of(guava), List.of(guava), true));
        assertEquals(
                List.of("/app/resources", "/app/classes", "/app/libs/guava-33.0.jar"),
                LayerPlan.classpath(List.of(guava), List.of(guava), false));
        io.github.dockerlayer.image.Layer built = ReproducibleLayer.write(
                layer.entries(),
                java.time.Instant.parse("2024-01-01T00:00:00Z"),
                io.github.dockerlayer.layout.OciLayout.openOrCreate(temp.resolve("oci"))
                        .store());
        // golden: the jar layer's bytes depend on the jar's bytes and the mtime only
        assertEquals(
                "sha256:b0cd4c7abdadd8398b09242a02c099af10ee0173978f4aef07c2333b7bf43e60",
                built.diffId().toString(),
                "diffId");
        assertEquals(
                "sha256:ca3e396638169325ee58ab2a1ec0578da50bbf0cbbd3ea1cc0f7d6a84c863380",
                built.digest().toString(),
                "digest");
    }
}
