package io.github.dockerlayer.assemble;

import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.layout.OciLayout;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.record.BuiltImage;
import io.github.dockerlayer.registry.RegistryImageSource;
import io.github.dockerlayer.report.LayerTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds the base image (from image + dependency layers) and the app image (base + resources, classes, launch
 * metadata) into the OCI layout under {@code target/docker-layer/oci}, reusing layers built before: the goals' one
 * entry, which checks the request, resolves the main class ({@link MainClass}), runs {@link BaseBuild} and
 * {@link AppBuild}, and leaves no output behind when a first build fails.
 *
 * <p>The base is made only of the from image and the dependencies, with the fixed epoch as its time, so equal
 * dependency sets give the same base, and the same derived base version, in every project and every release.
 */
public final class ImageBuild {
    private final BuildRequest request;
    private final BuildLog log;
    private final RegistryImageSource registry;
    private final Once once;

    /** A build that builds every layer here and shares nothing with other modules. */
    public ImageBuild(BuildRequest request, BuildLog log) {
        this(request, log, null, Once.none());
    }

    /**
     * @param registry where to look for a base the target registry already holds (so that its layers need not be
     *     built), given when this run pushes, or null to build every layer here. Without it the layout is made
     *     complete: a registry from image's layers are downloaded (once per machine, into the shared cache) and
     *     linked in. With it, layers the registry holds stay there (the push mounts them; the layout names them, as
     *     the image-layout spec allows) and the log says so.
     */
    public ImageBuild(BuildRequest request, BuildLog log, RegistryImageSource registry) {
        this(request, log, registry, Once.none());
    }

    /**
     * @param once what the modules of one build share: a shared base's layers are built by the first module that needs
     *     them and linked by the others
     */
    public ImageBuild(BuildRequest request, BuildLog log, RegistryImageSource registry, Once once) {
        this.request = request;
        this.log = log;
        this.registry = registry;
        this.once = once;
    }

    /**
     * Builds the base image and records it in the layout and in {@code base.json}. The main class the app image will
     * run is checked first, so that a project whose image cannot be made fails before any layer is built.
     */
    public BuiltImage buildBase() throws IOException {
        checkBaseVersionIsNoAppTag();
        resolveMainClass();
        return writing(() -> {
            BuiltImage base = new BaseBuild(request, log, registry, once).build();
            OciLayout.open(request.files().layout()).collectGarbage();
            LayerTable.log(log, "Base image", base);
            return base;
        });
    }

    /** Builds (or reuses) the base, then the app image on it, and records both. */
    public BuiltImage buildApp() throws IOException {
        return buildBaseAndApp().app();
    }

    /** The base and the app image of one build, for what comes after it (a load into a daemon). */
    public record Built(BuiltImage base, BuiltImage app) {}

    /** As {@link #buildApp()}, giving the base as well. */
    public Built buildBaseAndApp() throws IOException {
        checkBaseVersionIsNoAppTag();
        String mainClass = resolveMainClass();
        BuiltImage[] base = new BuiltImage[1];
        BuiltImage app = writing(() -> {
            base[0] = new BaseBuild(request, log, registry, once).build();
            return new AppBuild(request, log).build(base[0], mainClass);
        });
        return new Built(base[0], app);
    }

    /** Both goals write one layout, where a tag names one image: a base version equal to an app tag would evict it. */
    private void checkBaseVersionIsNoAppTag() {
        if (request.baseVersion() != null && request.tags().contains(request.baseVersion())) {
            throw new InvalidParameterException(
                    "baseVersion",
                    "the base version '" + request.baseVersion()
                            + "' is also one of the app's <tags>; both live in one OCI layout, where a tag names one image.",
                    "choose a base version different from every app tag, or leave <baseVersion> unset.");
        }
    }

    /** The request this build carries out (the dockerfile goal writes the same images as a Dockerfile). */
    public BuildRequest request() {
        return request;
    }

    /**
     * The main class (null for a Quarkus fast-jar, which runs its runner jar): the one set, else the only class with a
     * main method; fails naming mainClass otherwise.
     */
    public String resolveMainClass() throws IOException {
        return MainClass.resolve(request, log);
    }

    @FunctionalInterface
    private interface Step {
        BuiltImage run() throws IOException;
    }

    /**
     * Runs a step that writes into the output directory; when it fails and the layout did not exist before, removes
     * the layout and the reports it wrote, so a failed first build leaves nothing behind that names missing images.
     */
    private BuiltImage writing(Step step) throws IOException {
        List<Path> outputs = List.of(
                request.files().layout(),
                request.files().baseJson(),
                request.files().imageJson());
        List<Path> absent = outputs.stream().filter(path -> !Files.exists(path)).toList();
        try {
            return step.run();
        } catch (IOException | RuntimeException e) {
            if (absent.contains(request.files().layout())) {
                absent.forEach(ImageBuild::deleteTree);
            }
            throw e;
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Best effort: the build's own failure is what the user needs to see.
        }
    }
}
