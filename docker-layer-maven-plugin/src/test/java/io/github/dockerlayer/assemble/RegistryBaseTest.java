package io.github.dockerlayer.assemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.layer.DependencyFile;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.record.BuiltImage;
import io.github.dockerlayer.record.LayerStatus;
import io.github.dockerlayer.registry.Registries;
import io.github.dockerlayer.registry.RegistryImageSource;
import io.github.dockerlayer.source.FromImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a run that pushes asks the registry for the base before building its layers: only with layers not built yet and
 * a {@code base} naming a registry, for exactly the version the built base gets; a registry that cannot answer means
 * building as usual. (Adoption from a registry that holds the base is the IT push-fresh-runner's.)
 */
class RegistryBaseTest {
    @TempDir
    Path temp;

    private final List<String> lines = new ArrayList<>();
    private final BuildLog log = new BuildLog() {
        @Override
        public void info(String line) {
            lines.add(line);
        }

        @Override
        public void warn(String line) {
            lines.add("WARN " + line);
        }

        @Override
        public void debug(String line) {
            lines.add("DEBUG " + line);
        }
    };

    private BuildRequest request(String base) throws IOException {
        Path root = temp.resolve("p");
        Files.createDirectories(root.resolve("repo"));
        Files.writeString(root.resolve("repo/lib.jar"), "lib bytes", StandardCharsets.UTF_8);
        Files.createDirectories(root.resolve("target/classes/com/example"));
        Files.writeString(root.resolve("target/classes/com/example/Main.class"), "main", StandardCharsets.UTF_8);
        return new BuildRequest(
                root,
                root.resolve("target/docker-layer"),
                root.resolve("target/classes"),
                FromImage.parse("scratch", root),
                ImageReference.parse(base),
                null,
                ImageReference.parse("example/app"),
                List.of("1"),
                "com.example.Main",
                new AppRuntime(List.of(), List.of(), Map.of(), List.of(), Map.of(), null, null, Instant.EPOCH),
                List.of(new DependencyFile(
                        "org.example",
                        "lib",
                        "1.0",
                        null,
                        "jar",
                        root.resolve("repo/lib.jar"),
                        DependencyFile.Kind.RELEASE)),
                "1",
                null,
                null,
                Platform.LINUX_AMD64,
                null,
                BuildRequest.AppContent.NONE);
    }

    /** A registry source that cannot reach any registry: offline, nothing cached. */
    private Registries offline() {
        return new Registries(null, null, temp.resolve("shared-cache"), true, log);
    }

    @Test
    void layersNotBuiltYetAreLookedForAsTheVersionTheBuiltBaseGetsAndBuiltWhenTheRegistryCannotAnswer()
            throws IOException {
        BuildRequest request = request("127.0.0.1:5999/team/app-base");
        try (Registries registries = offline()) {
            BuiltImage base = new ImageBuild(request, log, new RegistryImageSource(registries)).buildBase();
            String asked = lines.stream()
                    .filter(line -> line.startsWith("Could not look for "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no look-up line in " + lines));
            assertTrue(asked.startsWith("Could not look for " + base.reference() + " in its registry ("), asked);
            assertTrue(asked.endsWith("); building its layers here."), asked);
            assertEquals(
                    LayerStatus.NEW, base.layers().get(base.layers().size() - 1).status(), "built here");

            lines.clear();
            BuiltImage again = new ImageBuild(request, log, new RegistryImageSource(registries)).buildBase();
            assertEquals(base.manifest(), again.manifest());
            assertTrue(
                    lines.stream().noneMatch(line -> line.contains("in its registry")),
                    "every layer built already: the registry is not asked, " + lines);
        }
    }

    @Test
    void aBaseThatNamesNoRegistryIsNotLookedFor() throws IOException {
        try (Registries registries = offline()) {
            new ImageBuild(request("team/app-base"), log, new RegistryImageSource(registries)).buildBase();
        }
        assertTrue(
                lines.contains("DEBUG <base> team/app-base names no registry: its layers are built here."),
                lines.toString());
        assertTrue(lines.stream().noneMatch(line -> line.contains("in its registry")), lines.toString());
    }

    @Test
    void withoutARegistryNothingIsAsked() throws IOException {
        new ImageBuild(request("127.0.0.1:5999/team/app-base"), log).buildBase();
        assertTrue(
                lines.stream()
                        .noneMatch(line -> line.contains("in its registry") || line.contains("names no registry")),
                lines.toString());
    }
}
