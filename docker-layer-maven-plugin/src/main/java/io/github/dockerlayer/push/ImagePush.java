package io.github.dockerlayer.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.assemble.Once;
import io.github.dockerlayer.blob.AtomicFiles;
import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.image.Blob;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.layout.OciLayout;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.log.Sizes;
import io.github.dockerlayer.record.BuildReport;
import io.github.dockerlayer.registry.PushStatus;
import io.github.dockerlayer.registry.Registries;
import io.github.dockerlayer.registry.RegistryClient;
import io.github.dockerlayer.registry.RegistryImageSink;
import io.github.dockerlayer.registry.RegistryImageSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes what the {@code base} and {@code image} goals built (the layout and {@code base.json} / {@code image.json}
 * under {@code target/docker-layer}) to the registries their names give: the base first, skipped when the registry
 * holds it already, then the app under each tag, its base layers mounted from the base's repository. Then records in
 * both JSON files what the push did, layer by layer.
 */
public final class ImagePush {
    private final Path outputDirectory;
    private final Registries registries;
    private final boolean overwriteBase;
    private final BuildLog log;
    private final Once once;

    /**
     * @param outputDirectory {@code target/docker-layer}
     * @param overwriteBase whether a fixed base version whose tag holds other content may be replaced
     */
    public ImagePush(Path outputDirectory, Registries registries, boolean overwriteBase, BuildLog log) {
        this(outputDirectory, registries, overwriteBase, log, Once.none());
    }

    /** @param once a base shared by several services of the build is pushed by the first of them only */
    public ImagePush(Path outputDirectory, Registries registries, boolean overwriteBase, BuildLog log, Once once) {
        this.outputDirectory = outputDirectory;
        this.registries = registries;
        this.overwriteBase = overwriteBase;
        this.log = log;
        this.once = once;
    }

    /** Whether there is something to push: the image goal wrote {@code image.json}. */
    public boolean built() {
        return Files.isRegularFile(outputDirectory.resolve("image.json"))
                && Files.isRegularFile(outputDirectory.resolve("base.json"));
    }

    /** Pushes base and app. */
    public void push() throws IOException {
        Path layoutDirectory = outputDirectory.resolve("oci");
        OciLayout layout = OciLayout.open(layoutDirectory);
        ObjectNode baseJson = Json.parseObject(Files.readAllBytes(outputDirectory.resolve("base.json")), "base.json");
        ObjectNode appJson = Json.parseObject(Files.readAllBytes(outputDirectory.resolve("image.json")), "image.json");
        // The app's name first: the base's defaults to it plus -base, so fixing <image> usually fixes both.
        ImageReference appRef = registryReference("image", appJson.path("image").asText());
        ImageReference baseRef =
                registryReference("base", baseJson.path("image").asText());
        List<String> tags = new ArrayList<>();
        appJson.path("tags").forEach(tag -> tags.add(tag.asText()));
        if (!appJson.path("base")
                .path("digest")
                .asText()
                .equals(baseJson.path("digest").asText())) {
            throw new IOException("image.json names base "
                    + appJson.path("base").path("digest").asText() + " but base.json" + " describes "
                    + baseJson.path("digest").asText() + ": run the base and image goals again before push.");
        }
        Image base = read(layout, baseJson);
        Image app = read(layout, appJson);

        RegistryImageSink sink = new RegistryImageSink(registries);
        Image baseImage = base;
        boolean[] pushedHere = {false
        }; // a base shared by several modules is pushed by the first; the others reuse that
        RegistryImageSink.Pushed basePush = once.get(
                "push-base:" + baseRef + "@" + base.manifestDescriptor().digest(), () -> {
                    pushedHere[0] = true;
                    return pushBase(sink, baseImage, baseRef, baseJson);
                });
        // The app's base layers are in the base's repository now: a push to the same registry mounts them from there.
        if (baseRef.registryHost().equals(appRef.registryHost())) {
            String baseRepository = baseRef.registryHost() + "/" + baseRef.remoteRepository();
            List<Layer> appLayers = new ArrayList<>();
            for (int i = 0; i < app.layers().size(); i++) {
                Layer layer = app.layers().get(i);
                appLayers.add(
                        i < base.layers().size()
                                ? layer.withBlob(Blob.withRepository(layer.blob(), baseRepository))
                                : layer);
            }
            app = Images.of(app.config(), appLayers);
        }
        log.info("Pushing " + appRef.withTag(tags.get(0))
                + (tags.size() > 1 ? " (also " + String.join(", ", tags.subList(1, tags.size())) + ")" : ""));
        RegistryImageSink.Pushed appPush = sink.push(app, appRef.withTag(null), tags);

        record(outputDirectory.resolve("base.json"), baseJson, baseRef, basePush);
        record(outputDirectory.resolve("image.json"), appJson, appRef, appPush);
        logPushed(log, baseRef, baseJson, basePush, pushedHere[0], appJson, appPush);
    }

    /**
     * Logs what the push did, after {@link #record} completed the JSON records: the base's table when this module
     * pushed it (not when the registry held it already: {@link #pushBase} said so in one line), the app's table, and the
     * bytes sent, saying what became of the base: pushed here, pushed by another module of the build, or there already.
     *
     * @param pushedHere whether this module pushed the base (or found it present), not another module of the build
     */
    static void logPushed(
            BuildLog log,
            ImageReference baseRef,
            ObjectNode baseJson,
            RegistryImageSink.Pushed basePush,
            boolean pushedHere,
            ObjectNode appJson,
            RegistryImageSink.Pushed appPush) {
        boolean baseWasThere = heldAlready(basePush);
        if (pushedHere && !baseWasThere) {
            logTable(log, "Pushed base", baseJson, basePush);
        }
        logTable(log, "Pushed app", appJson, appPush);
        String app = Sizes.human(appPush.bytesSent());
        if (baseWasThere) {
            log.info(String.format("Push sent %s (app; the base %s was in the registry already)", app, baseRef));
        } else if (pushedHere) {
            log.info(String.format(
                    "Push sent %s in all (base %s, app %s)",
                    Sizes.human(basePush.bytesSent() + appPush.bytesSent()), Sizes.human(basePush.bytesSent()), app));
        } else {
            log.info(String.format(
                    "Push sent %s (app; the base %s was pushed by another module of this build)", app, baseRef));
        }
    }

    /** Whether the registry held the whole image already: its manifest and every blob present, nothing sent. */
    private static boolean heldAlready(RegistryImageSink.Pushed pushed) {
        return pushed.manifestStatus() == PushStatus.PRESENT
                && pushed.blobs().values().stream().allMatch(blob -> blob.status() == PushStatus.PRESENT);
    }

    private RegistryImageSink.Pushed pushBase(
            RegistryImageSink sink, Image base, ImageReference baseRef, ObjectNode baseJson) throws IOException {
        String version = baseRef.tag();
        Digest digest = base.manifestDescriptor().digest();
        RegistryClient client = registries.client(baseRef.registryHost());
        Optional<Descriptor> current = client.headManifest(baseRef.remoteRepository(), version);
        if (current.isPresent() && !current.get().digest().equals(digest)) {
            Optional<RegistryImageSource.Pulled> remote =
                    new RegistryImageSource(registries).find(baseRef, Platform.LINUX_AMD64);
            boolean sameContent = remote.isPresent()
                    && remote.get().config().equals(base.configDescriptor().digest());
            if (sameContent) {
                // The same content compressed to other bytes (another zlib): the tag keeps the registry's manifest,
                // and this build's base goes in by digest, so that the app's layers and its base.digest label name
                // blobs and a manifest the registry holds.
                log.info("Base " + baseRef + " is in the registry with the same content under another manifest ("
                        + current.get().digest().toShortString() + "): the tag stays; this build's base manifest "
                        + digest.toShortString() + " is pushed by digest.");
                return sink.push(base, baseRef.withTag(null), List.of());
            }
            boolean derived = version.equals(base.configDescriptor().digest().shortHex(12));
            if (!overwriteBase) {
                throw derived
                        ? new InvalidParameterException(
                                "overwriteBase",
                                "the registry holds " + baseRef + " with other content"
                                        + " (manifest " + current.get().digest() + ", this build's is " + digest
                                        + ") although the"
                                        + " version is derived from the content: the tag was moved by hand or by another tool.",
                                "check what pushed " + baseRef + "; set <overwriteBase> to" + " replace it.")
                        : new InvalidParameterException(
                                "baseVersion",
                                "the registry already holds " + baseRef + " with other"
                                        + " content (manifest " + current.get().digest() + ", this build's is " + digest
                                        + "): a base"
                                        + " version names one content, as a release version does.",
                                "leave <baseVersion> unset to derive it from the content, choose a new version, or set"
                                        + " <overwriteBase> to replace it.");
            }
            log.warn("Replacing " + baseRef
                    + " in the registry (overwriteBase is set): images built on its previous content"
                    + " keep their layers, but the tag moves.");
        } else if (current.isPresent()) {
            log.info("Base " + baseRef + " is in the registry already: not pushed again.");
            return allPresent(base, digest);
        }
        log.info("Pushing base " + baseRef);
        return sink.push(base, baseRef.withTag(null), List.of(version));
    }

    private static RegistryImageSink.Pushed allPresent(Image image, Digest manifest) {
        Map<Digest, RegistryImageSink.BlobPush> blobs = new java.util.LinkedHashMap<>();
        for (Layer layer : image.layers()) {
            blobs.put(layer.digest(), new RegistryImageSink.BlobPush(layer.digest(), PushStatus.PRESENT, 0));
        }
        Digest config = image.configDescriptor().digest();
        blobs.put(config, new RegistryImageSink.BlobPush(config, PushStatus.PRESENT, 0));
        return new RegistryImageSink.Pushed(manifest, blobs, PushStatus.PRESENT);
    }

    /** The image a JSON record describes, read from the layout; each layer's bytes from the layout, the cache or its registry. */
    private Image read(OciLayout layout, ObjectNode json) throws IOException {
        Digest manifest = Digest.parse(json.path("digest").asText());
        if (!layout.hasBlob(manifest)) {
            throw new IOException(json.path("image").asText() + " (" + manifest + ") is not in " + layout.root()
                    + ": run the base and image goals again before push.");
        }
        Image image =
                layout.readImage(new Descriptor(MediaType.OCI_MANIFEST, manifest, layout.readBlob(manifest).length));
        List<Layer> layers = new ArrayList<>();
        JsonNode recorded = json.path("layers");
        for (int i = 0; i < image.layers().size(); i++) {
            Layer layer = image.layers().get(i);
            JsonNode record = recorded.path(i);
            if (!record.path("digest").asText().equals(layer.digest().toString())) {
                throw new IOException(json.path("image").asText() + "'s record does not match its manifest in "
                        + layout.root() + " (layer " + i + "): run the base and image goals again before push.");
            }
            String repository = record.path("repository").asText(null);
            Blob blob = layout.hasBlob(layer.digest())
                    ? layer.blob()
                    : registries.cache().has(layer.digest())
                            ? registries.cache().blob(layer.digest())
                            : repository != null
                                    ? registries.blob(repository, layer.digest(), layer.size())
                                    : Blob.missing(
                                            layer.digest(),
                                            "not in " + layout.root() + " nor in the download cache, and "
                                                    + json.path("image").asText()
                                                    + "'s record names no registry holding it: run the base and image goals again");
            layers.add(layer.withBlob(repository != null ? Blob.withRepository(blob, repository) : blob));
        }
        return Images.of(image.config(), layers);
    }

    /** The reference, which must name a registry host: without one, a push would go to Docker Hub. */
    public static ImageReference registryReference(String parameter, String name) {
        ImageReference reference = ImageReference.parse(name);
        if (reference.registry() == null) {
            throw new InvalidParameterException(
                    parameter,
                    "'" + reference.name() + "' names no registry host, so a push would"
                            + " go to Docker Hub as docker.io/" + reference.remoteRepository()
                            + ", which is surely not meant.",
                    "put the registry in front: <" + parameter + ">registry.example.com/team/" + reference.name() + "</"
                            + parameter
                            + "> (docker.io/YOU/"
                            + reference
                                    .repository()
                                    .substring(reference.repository().lastIndexOf('/') + 1)
                            + " for Docker Hub), then build and push again.");
        }
        return reference;
    }

    /** Adds to a JSON record what the push did: per layer, and for the whole image. */
    static void record(Path file, ObjectNode json, ImageReference reference, RegistryImageSink.Pushed pushed)
            throws IOException {
        for (JsonNode layer : json.path("layers")) {
            RegistryImageSink.BlobPush result =
                    pushed.blobs().get(Digest.parse(layer.path("digest").asText()));
            if (result != null) {
                ((ObjectNode) layer).put("push", result.status().label());
                ((ObjectNode) layer).put("bytesSent", result.bytesSent());
            }
        }
        ObjectNode push = json.putObject("push");
        push.put("registry", reference.registryHost());
        push.put("repository", reference.remoteRepository());
        push.put("digest", pushed.manifest().toString());
        push.put("manifest", pushed.manifestStatus().label());
        RegistryImageSink.BlobPush config =
                pushed.blobs().get(Digest.parse(json.path("imageId").asText()));
        push.put(
                "config",
                config == null ? PushStatus.PRESENT.label() : config.status().label());
        push.put("bytesSent", pushed.bytesSent());
        AtomicFiles.write(file, Json.pretty(json));
    }

    /** The push's layer table: role, size, digest, what the push did, bytes sent; the config's row last. */
    private static void logTable(BuildLog log, String title, ObjectNode json, RegistryImageSink.Pushed pushed) {
        synchronized (
                BuildReport.class) { // the build's tables take the same lock: modules pushed with -T do not interleave
            log.info(title + " " + json.path("image").asText() + " " + pushed.manifest() + " (manifest "
                    + pushed.manifestStatus() + ")");
            log.info(String.format("  %-22s %10s  %-19s  %-9s %10s", "LAYER", "SIZE", "DIGEST", "PUSH", "SENT"));
            for (JsonNode layer : json.path("layers")) {
                log.info(String.format(
                        "  %-22s %10s  %-19s  %-9s %10s",
                        layer.path("role").asText(),
                        Sizes.human(layer.path("size").asLong()),
                        Digest.parse(layer.path("digest").asText()).toShortString(),
                        layer.path("push").asText("?"),
                        Sizes.human(layer.path("bytesSent").asLong())));
            }
            Digest config = Digest.parse(json.path("imageId").asText());
            RegistryImageSink.BlobPush configPush = pushed.blobs().get(config);
            log.info(String.format(
                    "  %-22s %10s  %-19s  %-9s %10s",
                    "config",
                    "",
                    config.toShortString(),
                    json.path("push").path("config").asText(),
                    Sizes.human(configPush == null ? 0 : configPush.bytesSent())));
        }
    }
}
