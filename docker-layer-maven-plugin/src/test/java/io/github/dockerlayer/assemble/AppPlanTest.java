package io.github.dockerlayer.assemble;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.layer.DependencyFile;
import io.github.dockerlayer.layer.ExtraDirectories;
import io.github.dockerlayer.layer.LayerPlan;
import io.github.dockerlayer.source.FromImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app's layers and classpath in both containerizing modes, with and without extra directories. */
class AppPlanTest {
    @TempDir
    Path temp;

    private BuildRequest request(Path jar, ExtraDirectories extra, List<DependencyFile> sharedBase) throws IOException {
        Path root = temp;
        Files.createDirectories(root.resolve("target/classes/com/example"));
        Files.writeString(root.resolve("target/classes/com/example/Main.class"), "main");
        Files.writeString(root.resolve("target/classes/app.properties"), "a=b");
        Files.createDirectories(root.resolve("repo"));
        Files.writeString(root.resolve("repo/guava.jar"), "guava");
        Files.createDirectories(root.resolve("core/target/classes"));
        Files.writeString(root.resolve("core/target/classes/Core.class"), "core");
        List<DependencyFile> dependencies = List.of(
                new DependencyFile(
                        "g", "guava", "33.0", null, "jar", root.resolve("repo/guava.jar"), DependencyFile.Kind.RELEASE),
                new DependencyFile(
                        "g",
                        "core",
                        "1.0",
                        null,
                        "jar",
                        root.resolve("core/target/classes"),
                        DependencyFile.Kind.PROJECT));
        return new BuildRequest(
                        root,
                        root.resolve("target/docker-layer"),
                        root.resolve("target/classes"),
                        FromImage.parse("scratch", root),
                        ImageReference.parse("example/app-base"),
                        null,
                        ImageReference.parse("example/app"),
                        List.of("1"),
                        "com.example.Main",
                        new AppRuntime(List.of(), List.of(), Map.of(), List.of(), Map.of(), null, null, Instant.EPOCH),
                        dependencies,
                        "1",
                        null,
                        null,
                        Platform.LINUX_AMD64,
                        sharedBase,
                        BuildRequest.AppContent.NONE)
                .withAppContent(jar, extra);
    }

    private ExtraDirectories extra() throws IOException {
        Files.createDirectories(temp.resolve("src/main/docker-extra"));
        Files.writeString(temp.resolve("src/main/docker-extra/config.yml"), "x: 1");
        return new ExtraDirectories(
                List.of(new ExtraDirectories.Source(temp.resolve("src/main/docker-extra"), "/opt/app")), Map.of());
    }

    private static List<String> roles(AppPlan plan) {
        return plan.layers().stream().map(layer -> layer.role().label()).toList();
    }

    @Test
    void explodedExtraDirectoriesSitBetweenLaunchAndResources() throws IOException {
        AppPlan plan = AppPlan.of(request(null, extra(), null), "com.example.Main");
        assertEquals(List.of("launch", "extra-directories", "resources", "classes"), roles(plan));
        assertEquals(
                List.of("/app/resources", "/app/classes", "/app/libs/guava-33.0.jar", "/app/libs/core-1.0"),
                plan.classpath());
    }

    @Test
    void explodedWithoutExtraDirectoriesIsAsBefore() throws IOException {
        assertEquals(
                List.of("launch", "resources", "classes"),
                roles(AppPlan.of(request(null, ExtraDirectories.NONE, null), "com.example.Main")));
    }

    @Test
    void packagedTheJarIsTheTopLayerAndTakesTheClassesPlaceOnTheClasspath() throws IOException {
        Path jar = temp.resolve("target/app-1.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar bytes");
        AppPlan plan = AppPlan.of(request(jar, extra(), null), "com.example.Main");
        assertEquals(List.of("launch", "extra-directories", "jar"), roles(plan));
        assertEquals(List.of("/app/app.jar", "/app/libs/guava-33.0.jar", "/app/libs/core-1.0"), plan.classpath());
        LayerPlan.PlannedLayer top = plan.layers().get(2);
        assertEquals(jar, top.entries().get(0).source());
        assertEquals(
                List.of("launch", "jar"),
                roles(AppPlan.of(request(jar, ExtraDirectories.NONE, null), "com.example.Main")));
    }

    @Test
    void onASharedBaseTheReactorModulesSitAboveTheExtraDirectories() throws IOException {
        BuildRequest probe = request(null, ExtraDirectories.NONE, null);
        List<DependencyFile> shared = List.of(probe.dependencies().get(0));
        AppPlan plan = AppPlan.of(request(null, extra(), shared), "com.example.Main");
        assertEquals(
                List.of("launch", "extra-directories", "project-dependencies", "resources", "classes"), roles(plan));
    }
}
