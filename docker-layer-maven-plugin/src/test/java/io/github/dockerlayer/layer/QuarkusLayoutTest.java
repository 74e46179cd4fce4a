package io.github.dockerlayer.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.layout.OciLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a Quarkus fast-jar's files go in the base and the app image, and in which layer. */
class QuarkusLayoutTest {
    private static final Instant MTIME = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path temp;

    private Path fastJar() throws IOException {
        Path app = temp.resolve("target/quarkus-app");
        for (String file : List.of(
                "quarkus-run.jar",
                "quarkus-app-dependencies.txt",
                "lib/boot/org.jboss.logging.jboss-logging-3.6.2.Final.jar",
                "lib/main/io.quarkus.quarkus-core-3.33.2.jar",
                "lib/main/com.example.lib-1.0-SNAPSHOT.jar",
                "quarkus/generated-bytecode.jar",
                "quarkus/quarkus-application.dat",
                "quarkus/transformed-bytecode.jar",
                "app/demo-1.0.0.jar")) {
            Path path = app.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, file + "\n");
        }
        return app;
    }

    @Test
    void librariesGoWhereTheRunnersManifestNamesThemInTheBase() throws IOException {
        Path app = fastJar();
        Path boot = app.resolve("lib/boot/org.jboss.logging.jboss-logging-3.6.2.Final.jar");
        Path snapshot = app.resolve("lib/main/com.example.lib-1.0-SNAPSHOT.jar");
        Path core = app.resolve("lib/main/io.quarkus.quarkus-core-3.33.2.jar");
        List<DependencyFile> dependencies = List.of(
                QuarkusLayout.library(
                        app,
                        boot,
                        "org.jboss.logging",
                        "jboss-logging",
                        "3.6.2.Final",
                        null,
                        DependencyFile.Kind.RELEASE),
                QuarkusLayout.library(
                        app, core, "io.quarkus", "quarkus-core", "3.33.2", null, DependencyFile.Kind.RELEASE),
                QuarkusLayout.library(
                        app, snapshot, "com.example", "lib", "1.0-SNAPSHOT", null, DependencyFile.Kind.SNAPSHOT));
        List<LayerPlan.PlannedLayer> base = LayerPlan.baseLayers(dependencies);
        assertEquals(
                List.of(LayerRole.DEPENDENCIES, LayerRole.SNAPSHOT_DEPENDENCIES),
                base.stream().map(LayerPlan.PlannedLayer::role).toList());
        assertEquals(
                List.of(
                        "/deployments/lib/boot/org.jboss.logging.jboss-logging-3.6.2.Final.jar",
                        "/deployments/lib/main/io.quarkus.quarkus-core-3.33.2.jar"),
                base.get(0).entries().stream().map(LayerEntry::path).toList());
        assertEquals(
                List.of("/deployments/lib/main/com.example.lib-1.0-SNAPSHOT.jar"),
                base.get(1).entries().stream().map(LayerEntry::path).toList());
    }

    @Test
    void appLayersRunnerThenAppThenGenerated() throws IOException {
        Path app = fastJar();
        List<LayerPlan.PlannedLayer> layers = QuarkusLayout.appLayers(app);
        assertEquals(
                List.of(LayerRole.QUARKUS_RUNNER, LayerRole.QUARKUS_APP, LayerRole.QUARKUS_GENERATED),
                layers.stream().map(LayerPlan.PlannedLayer::role).toList());
        assertEquals(
                List.of("/deployments/quarkus-app-dependencies.txt", "/deployments/quarkus-run.jar"),
                layers.get(0).entries().stream().map(LayerEntry::path).toList());
        assertEquals(
                List.of("/deployments/app/demo-1.0.0.jar"),
                layers.get(1).entries().stream().map(LayerEntry::path).toList());
        assertEquals(
                List.of(
                        "/deployments/quarkus/generated-bytecode.jar",
                        "/deployments/quarkus/quarkus-application.dat",
                        "/deployments/quarkus/transformed-bytecode.jar"),
                layers.get(2).entries().stream().map(LayerEntry::path).toList());
        assertEquals("/deployments/quarkus-run.jar", QuarkusLayout.RUNNER);
    }

    @Test
    void anEmptyAppDirectoryMakesNoLayer() throws IOException {
        Path app = fastJar();
        Files.delete(app.resolve("app/demo-1.0.0.jar"));
        assertEquals(
                List.of(LayerRole.QUARKUS_RUNNER, LayerRole.QUARKUS_GENERATED),
                QuarkusLayout.appLayers(app).stream()
                        .map(LayerPlan.PlannedLayer::role)
                        .toList());
    }

    /** Golden digests of a small Quarkus-shaped generated layer: its bytes depend on the files and the mtime only. */
    @Test
    void goldenDigestsOfTheGeneratedLayer() throws IOException {
        Path app = fastJar();
        LayerPlan.PlannedLayer generated = QuarkusLayout.appLayers(app).get(2);
        Layer built = ReproducibleLayer.write(
                generated.entries(),
                MTIME,
                OciLayout.openOrCreate(temp.resolve("oci")).store());
        assertEquals(
                "sha256:0440c68c4b2078301bfe5ad868e99d95c097787ea564ec00367373ac3c80c75a",
                built.diffId().toString(),
                "diffId");
        assertEquals(
                "sha256:090f1629dcca8dd520813bcf490c5c3b90a4bf60207a90b0410c204a5ec3e630",
                built.digest().toString(),
                "digest");
    }
}
