package io.github.dockerlayer.assemble;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.image.Annotations;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.layer.LayerCache;
import io.github.dockerlayer.layer.LayerPlan;
import io.github.dockerlayer.layer.LayerRole;
import io.github.dockerlayer.layout.OciLayout;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.log.Sizes;
import io.github.dockerlayer.project.MainClassFinder;
import io.github.dockerlayer.record.BuildReport;
import io.github.dockerlayer.record.BuiltImage;
import io.github.dockerlayer.record.BuiltLayer;
import io.github.dockerlayer.record.ImageKind;
import io.github.dockerlayer.record.LayerStatus;
import io.github.dockerlayer.registry.RegistryImageSource;
import io.github.dockerlayer.source.FromImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds the base image (from image + dependency layers) and the app image (base + resources, classes, launch
 * metadata) into the OCI layout under {@code target/docker-layer/oci}, reusing layers built before.
 *
 * <p>The base is made only of the from image and the dependencies, with the fixed epoch as its time, so equal
 * dependency sets give the same base, and the same derived base version, in every project and every release.
 */
public final class ImageBuild {
    private final BuildRequest request;
    private final BuildLog log;
    private final RegistryImageSource registry;
    private final Once once;

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
            BuiltImage base = base();
            OciLayout.open(request.layoutDirectory()).collectGarbage();
            BuildReport.log(log, "Base image", base);
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
            base[0] = base();
            return app(base[0], mainClass);
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

    private BuiltImage base() throws IOException {
        if (request.from().isScratch()) {
            log.warn("<from> is scratch: the image holds no Java runtime and cannot run on its own. Set <from> to a"
                    + " JRE image (a registry reference, oci:PATH:TAG or docker-archive:PATH).");
        }
        OciLayout layout = OciLayout.openOrCreate(request.layoutDirectory());
        LayerCache cache = new LayerCache(request.cacheDirectory(), layout.store());
        Set<Digest> present = layout.blobDigests();
        FromImage.Loaded from = request.from().load(layout, cache, log, registry == null);
        List<LayerPlan.PlannedLayer> planned = LayerPlan.baseLayers(request.baseDependencies());
        Image remote = remoteBase(from.image(), planned, cache);
        List<BuiltLayer> layers = new ArrayList<>();
        Image image;
        if (remote != null) {
            int fromCount = from.image().layers().size();
            for (int i = 0; i < remote.layers().size(); i++) {
                Layer layer = remote.layers().get(i);
                layers.add(new BuiltLayer(
                        i < fromCount
                                ? LayerRole.FROM
                                : planned.get(i - fromCount).role(),
                        layer,
                        present.contains(layer.digest()) ? LayerStatus.REUSED : LayerStatus.REMOTE));
            }
            image = remote;
        } else {
            for (Layer layer : from.image().layers()) {
                LayerStatus status = present.contains(layer.digest())
                        ? LayerStatus.REUSED
                        : layout.hasBlob(layer.digest()) ? LayerStatus.IMPORTED : LayerStatus.REMOTE;
                layers.add(new BuiltLayer(LayerRole.FROM, layer, status));
            }
            List<Layer> dependencyLayers = new ArrayList<>();
            for (LayerPlan.PlannedLayer layer : planned) {
                // A shared base's layer is built once per build: the first service builds it in its layout, the
                // others link that file into theirs.
                BuiltLayer built;
                if (request.sharedBase() == null) {
                    built = layer(
                            cache,
                            layer,
                            Parameters.FIXED_EPOCH,
                            present,
                            request.base().name());
                } else {
                    String key = LayerCache.key(layer.entries(), Parameters.FIXED_EPOCH);
                    boolean[] here = {false};
                    built = once.get("shared-base-layer:" + key, () -> {
                        here[0] = true;
                        return layer(
                                cache,
                                layer,
                                Parameters.FIXED_EPOCH,
                                present,
                                request.base().name());
                    });
                    if (!here[0]) {
                        cache.store(key, built.layer()); // so a later build of this module alone (-pl) reuses it too
                    }
                }
                layers.add(built);
                dependencyLayers.add(built.layer());
            }
            image = baseImage(from.image(), planned, dependencyLayers);
        }
        Descriptor manifest = layout.writeImage(image);
        List<Layer> elsewhere = image.layers().stream()
                .filter(layer -> !layout.hasBlob(layer.digest()))
                .toList();
        boolean[] first = {false
        }; // said once a layout and build: the image goal builds the base again after the base goal
        once.get("layout-leaves:" + request.layoutDirectory(), () -> first[0] = true);
        if (!elsewhere.isEmpty() && first[0]) {
            log.info("The layout leaves " + elsewhere.size() + (elsewhere.size() == 1 ? " layer" : " layers") + " ("
                    + Sizes.human(elsewhere.stream().mapToLong(Layer::size).sum()) + ") in "
                    + elsewhere.get(0).blob().repository()
                    + ", as this run pushes and the push mounts or copies them from there; base.json names where each is."
                    + " A build without push downloads them into the layout (once per machine), for tools that read the"
                    + " layout alone.");
        }
        String version = baseVersion(image);
        ImageReference reference = request.base().withTag(version);
        layout.tag(manifest, List.of(reference), ImageKind.BASE.label());
        BuiltImage base = new BuiltImage(reference, List.of(version), image, manifest, layers);
        Path record = request.outputDirectory().resolve("base.json");
        List<String> dependencies = BuildReport.coordinates(request.baseDependencies());
        String fromName = from.name() != null ? from.name() : request.from().spec();
        String fromDigest = from.digest() == null ? null : from.digest().toString();
        if (request.sharedBase() == null) {
            BuildReport.logBaseMove(log, record, base, dependencies, false, fromName, fromDigest);
        } else { // said once for the build, not once a service
            once.get("base-move-line:" + base.reference(), () -> {
                BuildReport.logBaseMove(log, record, base, dependencies, true, fromName, fromDigest);
                return Boolean.TRUE;
            });
        }
        BuildReport.write(record, base, "from", fromName, fromDigest, dependencies);
        return base;
    }

    /** The base version: the fixed one, else derived from the config's digest. */
    private String baseVersion(Image image) {
        // The config digest (the image ID), not the manifest's: it depends on the layers' uncompressed bytes only, so
        // it stays the same where another zlib compresses the same layers to other bytes.
        return request.baseVersion() != null
                ? request.baseVersion()
                : image.configDescriptor().digest().shortHex(12);
    }

    /** The base image: the from image, the dependency layers, the fixed epoch as its time. */
    private static Image baseImage(Image from, List<LayerPlan.PlannedLayer> planned, List<Layer> dependencyLayers) {
        Image image = from;
        for (int i = 0; i < planned.size(); i++) {
            image = Images.appendLayer(
                    image,
                    dependencyLayers.get(i),
                    Parameters.FIXED_EPOCH,
                    "docker-layer:base " + planned.get(i).role());
        }
        image = Images.withCreated(image, Parameters.FIXED_EPOCH);
        // No base.name / base.digest labels in the base: they would name where the from image was read (a layout's
        // ref name, an archive's saved tag), and the same JRE read from elsewhere would give another base version.
        // base.json records the from image instead.
        return Images.withContainerConfig(image, config -> {
            ObjectNode labels = config.withObjectProperty("Labels");
            labels.remove(List.of(Annotations.BASE_NAME, Annotations.BASE_DIGEST));
            if (labels.isEmpty()) {
                config.remove("Labels");
            }
        });
    }

    /**
     * The base as the target registry already holds it, with exactly the config and manifest this build would write,
     * or null to build its layers here. Asked only when some dependency layer is not built yet (a fresh CI runner, a
     * new dependency), {@code base} names a registry, and this Maven run pushes: the config depends only on the
     * layers' uncompressed tars, which are hashed without compressing or storing them, so a runner with an empty cache
     * learns the base version, finds the base in the registry and takes its layers from there, neither building nor
     * downloading them. Any failure to ask is logged and the layers are built as usual.
     */
    private Image remoteBase(Image from, List<LayerPlan.PlannedLayer> planned, LayerCache cache) throws IOException {
        if (registry == null || planned.isEmpty()) {
            return null;
        }
        if (request.base().registry() == null) {
            log.debug("<base> " + request.base() + " names no registry: its layers are built here.");
            return null;
        }
        List<Layer> placeholders = new ArrayList<>();
        boolean allBuilt = true;
        for (LayerPlan.PlannedLayer layer : planned) {
            Layer built = cache.cached(layer.entries(), Parameters.FIXED_EPOCH);
            allBuilt &= built != null;
            // Only the diffId goes into the config; the descriptor of a layer not built is never used.
            Digest diffId = built != null ? built.diffId() : cache.diffId(layer.entries(), Parameters.FIXED_EPOCH);
            placeholders.add(
                    built != null ? built : new Layer(new Descriptor(MediaType.OCI_LAYER_GZIP, diffId, 0), diffId));
        }
        if (allBuilt) {
            return null;
        }
        Image candidate = baseImage(from, planned, placeholders);
        ImageReference reference = request.base().withTag(baseVersion(candidate));
        Optional<RegistryImageSource.Pulled> found;
        try {
            found = registry.find(reference, request.platform());
        } catch (java.io.InterruptedIOException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            log.info("Could not look for " + reference + " in its registry (" + e.getMessage()
                    + "); building its layers here.");
            return null;
        }
        if (found.isEmpty()) {
            log.info(reference + " is not in its registry yet: building its layers here.");
            return null;
        }
        RegistryImageSource.Pulled pulled = found.get();
        Digest ours = candidate.configDescriptor().digest();
        if (!pulled.config().equals(ours)) {
            log.info(reference + " in the registry holds other content than this build's base (config "
                    + pulled.config().toShortString() + ", here " + ours.toShortString()
                    + "); building its layers here.");
            return null;
        }
        // Equal configs mean equal diffIds, so the registry's layers are this base's layers; the manifest must be the
        // one this build would write from them, or the app would name a base manifest the registry does not hold.
        Image adopted = Images.of(candidate.config(), pulled.image().layers());
        if (!adopted.manifestDescriptor().digest().equals(pulled.manifest().digest())) {
            log.info(reference + " is in the registry with the same content but a manifest of another form ("
                    + pulled.manifest().mediaType() + "); building its layers here.");
            return null;
        }
        log.info("Base " + reference + " is in the registry with the same content: its layers are taken from there,"
                + " not built.");
        return adopted;
    }

    private BuiltImage app(BuiltImage base, String mainClass) throws IOException {
        log.info("Base image " + base.reference() + " " + base.manifest().digest());
        OciLayout layout = OciLayout.openOrCreate(request.layoutDirectory());
        LayerCache cache = new LayerCache(request.cacheDirectory(), layout.store());
        Set<Digest> present = layout.blobDigests();
        List<BuiltLayer> layers = new ArrayList<>(base.layers());
        Image image = base.image();
        AppPlan plan = AppPlan.of(request, mainClass);
        LayerMoves moves = new LayerMoves(request.outputDirectory().resolve("image.json"), layout, log);
        for (LayerPlan.PlannedLayer planned : plan.layers()) {
            BuiltLayer built = layer(
                    cache,
                    planned,
                    request.outputTimestamp(),
                    present,
                    request.image().name());
            moves.tell(planned, built, request.image().name());
            layers.add(built);
            image = Images.appendLayer(
                    image, built.layer(), request.outputTimestamp(), "docker-layer:image " + planned.role());
        }
        image = Images.withCreated(image, request.outputTimestamp());
        AppConfig settings = AppConfig.of(
                request,
                image.config().path("config"),
                plan.classpath(),
                mainClass,
                base.reference().toString(),
                base.manifest().digest().toString(),
                plan.nonAsciiPaths());
        if (settings.localeSet()) {
            log.info("Setting LANG=C.UTF-8 in the image: some file names on the classpath are not ASCII, and the from"
                    + " image sets no locale (set <environment> LANG to choose another).");
        }
        image = Images.withContainerConfig(image, settings::applyTo);
        Descriptor manifest = layout.writeImage(image);
        layout.tag(
                manifest, request.tags().stream().map(request.image()::withTag).toList(), ImageKind.APP.label());
        layout.collectGarbage();
        BuiltImage app =
                new BuiltImage(request.image().withTag(request.tags().get(0)), request.tags(), image, manifest, layers);
        BuildReport.write(
                request.outputDirectory().resolve("image.json"),
                app,
                "base",
                base.reference().toString(),
                base.manifest().digest().toString());
        BuildReport.log(log, "App image", app);
        return app;
    }

    /**
     * The planned layer from the cache or built now; {@code present} is what the layout held before this build, and
     * {@code imageName} says in the log whose layer it is (modules built in parallel interleave their lines).
     */
    private BuiltLayer layer(
            LayerCache cache, LayerPlan.PlannedLayer planned, Instant mtime, Set<Digest> present, String imageName)
            throws IOException {
        long started = System.nanoTime();
        LayerCache.Result result = cache.layer(planned.entries(), mtime, () -> {
            long bytes = 0;
            for (var entry : planned.entries()) {
                bytes += entry.source() != null ? entry.source().toFile().length() : entry.content().length;
            }
            int files = planned.entries().size();
            log.info(String.format(
                    "Building %s layer of %s: %d file%s, %s",
                    planned.role(), imageName, files, files == 1 ? "" : "s", Sizes.human(bytes)));
        });
        if (result.reused()) {
            return new BuiltLayer(planned.role(), result.layer(), LayerStatus.REUSED);
        }
        log.info(String.format(
                "Built %s layer of %s in %d ms", planned.role(), imageName, (System.nanoTime() - started) / 1_000_000));
        return new BuiltLayer(
                planned.role(),
                result.layer(),
                present.contains(result.layer().digest()) ? LayerStatus.UNCHANGED : LayerStatus.NEW);
    }

    /** The request this build carries out (the dockerfile goal writes the same images as a Dockerfile). */
    public BuildRequest request() {
        return request;
    }

    /** The main class (null for a Quarkus fast-jar, which runs its runner jar): the one set, else the only class with a main method; fails naming mainClass otherwise. */
    public String resolveMainClass() throws IOException {
        if (request.quarkusApp() != null) {
            log.info("Quarkus fast-jar " + request.quarkusApp().directory() + ": the image runs java -jar "
                    + io.github.dockerlayer.layer.QuarkusLayout.RUNNER + " (no main class)");
            return null;
        }
        boolean compiled = Files.isDirectory(request.classesDirectory());
        if (request.mainClass() != null) {
            if (!compiled) {
                log.warn(request.classesDirectory()
                        + " does not exist, so the image holds no classes or resources of this"
                        + " project; run the goal after the package phase (mvn package docker-layer:image) unless "
                        + request.mainClass() + " comes from a dependency.");
            }
            return request.mainClass();
        }
        if (!compiled) {
            throw new InvalidParameterException(
                    "mainClass",
                    "it is not set, and " + request.classesDirectory()
                            + " does not exist to infer it from: the project is not compiled yet.",
                    "run the goal after the package phase, e.g. mvn package docker-layer:image, or set <mainClass> when"
                            + " the class to run comes from a dependency.");
        }
        List<String> candidates = MainClassFinder.find(request.classesDirectory());
        if (candidates.size() == 1) {
            log.info("Main class: " + candidates.get(0) + " (the only class with a main method)");
            return candidates.get(0);
        }
        throw new InvalidParameterException(
                "mainClass",
                candidates.isEmpty()
                        ? "no class in " + request.classesDirectory()
                                + " has a public static void main(String[]) method."
                        : "several classes have a main method: " + String.join(", ", candidates) + ".",
                "set <mainClass> to the class to run, e.g. "
                        + (candidates.isEmpty() ? "com.example.Main" : candidates.get(0)) + ".");
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
                request.layoutDirectory(),
                request.outputDirectory().resolve("base.json"),
                request.outputDirectory().resolve("image.json"));
        List<Path> absent = outputs.stream().filter(path -> !Files.exists(path)).toList();
        try {
            return step.run();
        } catch (IOException | RuntimeException e) {
            if (absent.contains(request.layoutDirectory())) {
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
