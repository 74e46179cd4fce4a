package io.github.dockerlayer.assemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.layer.DependencyFile;
import io.github.dockerlayer.layer.ExtraDirectories;
import io.github.dockerlayer.layer.LayerEntry;
import io.github.dockerlayer.layer.QuarkusLayout;
import io.github.dockerlayer.log.RecordingLog;
import io.github.dockerlayer.source.FromImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Quarkus fast-jar's app plan (layers, no classpath) and its launch: java -jar /deployments/quarkus-run.jar. */
class QuarkusPlanTest {
    @TempDir
    Path temp;

    private BuildRequest request(
            List<String> jvmFlags, String user, String workingDirectory, List<String> ports, ExtraDirectories extra)
            throws IOException {
        Path tree = QuarkusAppTest.fastJar(temp.resolve("target"));
        QuarkusApp app = QuarkusApp.of(temp.resolve("target"), new QuarkusApp.PackageType("fast-jar", null));
        List<DependencyFile> dependencies = List.of(QuarkusLayout.library(
                tree,
                tree.resolve("lib/main/io.quarkus.quarkus-core-3.33.2.jar"),
                "io.quarkus",
                "quarkus-core",
                "3.33.2",
                null,
                DependencyFile.Kind.RELEASE));
        return new BuildRequest(
                        temp,
                        temp.resolve("target/docker-layer"),
                        temp.resolve("target/classes"),
                        FromImage.parse("scratch", temp),
                        ImageReference.parse("example/app-base"),
                        null,
                        ImageReference.parse("example/app"),
                        List.of("1"),
                        null,
                        new AppRuntime(
                                jvmFlags,
                                List.of("--flag"),
                                Map.of(),
                                ports,
                                Map.of(),
                                user,
                                workingDirectory,
                                Instant.EPOCH),
                        dependencies,
                        "1",
                        null,
                        null,
                        Platform.LINUX_AMD64,
                        null,
                        BuildRequest.AppContent.NONE)
                .withAppContent(null, extra)
                .withQuarkusApp(app);
    }

    @Test
    void layersRunnerExtraDirectoriesAppGenerated() throws IOException {
        Files.createDirectories(temp.resolve("extra"));
        Files.writeString(temp.resolve("extra/config.yml"), "x: 1");
        ExtraDirectories extra =
                new ExtraDirectories(List.of(new ExtraDirectories.Source(temp.resolve("extra"), "/opt/app")), Map.of());
        AppPlan plan = AppPlan.of(request(List.of(), null, null, List.of(), extra), null);
        assertEquals(
                List.of("quarkus-runner", "extra-directories", "quarkus-app", "quarkus-generated"),
                plan.layers().stream().map(layer -> layer.role().label()).toList());
        assertEquals(List.of(), plan.classpath());
        assertEquals(
                List.of("/deployments/app/demo-1.0.0.jar"),
                plan.layers().get(2).entries().stream().map(LayerEntry::path).toList());
    }

    @Test
    void runsTheRunnerJarWithQuarkusDefaults() throws IOException {
        BuildRequest request = request(List.of("-Xmx256m"), null, null, List.of(), ExtraDirectories.NONE);
        AppConfig config = AppConfig.of(
                request, JsonNodeFactory.instance.objectNode(), List.of(), null, "example/app-base:1", null, false);
        assertEquals(
                List.of(
                        "java",
                        "-Dquarkus.http.host=0.0.0.0",
                        "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                        "-Xmx256m",
                        "-jar",
                        "/deployments/quarkus-run.jar"),
                config.entrypoint());
        assertEquals(List.of("--flag"), config.cmd());
        assertEquals("185", config.user());
        assertEquals("/deployments", config.workingDirectory());
        assertEquals(List.of("8080/tcp"), config.ports());
    }

    @Test
    void theUsersSettingsWin() throws IOException {
        BuildRequest request = request(List.of(), "1000", "/srv", List.of("9090/tcp"), ExtraDirectories.NONE);
        ObjectNode inherited = JsonNodeFactory.instance.objectNode();
        AppConfig config = AppConfig.of(request, inherited, List.of(), null, "example/app-base:1", null, false);
        assertEquals("1000", config.user());
        assertEquals("/srv", config.workingDirectory());
        assertEquals(List.of("9090/tcp"), config.ports());
    }

    @Test
    void noMainClassIsLookedFor() throws IOException {
        // target/classes does not even exist: the runner jar is what runs
        assertNull(new ImageBuild(request(List.of(), null, null, List.of(), ExtraDirectories.NONE), new RecordingLog())
                .resolveMainClass());
    }
}
