package io.github.dockerlayer.push;

import io.github.dockerlayer.assemble.Once;
import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.image.Blob;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.layout.OciLayout;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.log.Sizes;
import io.github.dockerlayer.record.BuildRecord;
import io.github.dockerlayer.record.BuildRecords;
import io.github.dockerlayer.record.ImageKind;
import io.github.dockerlayer.record.LayerRecord;
import io.github.dockerlayer.record.ManifestRecord;
import io.github.dockerlayer.record.OutputFiles;
import io.github.dockerlayer.record.PushRecord;
import io.github.dockerlayer.record.RecordCheck;
import io.github.dockerlayer.registry.PushStatus;
import io.github.dockerlayer.registry.Registries;
import io.github.dockerlayer.registry.RegistryClient;
import io.github.dockerlayer.registry.RegistryImageSink;
import io.github.dockerlayer.registry.RegistryImageSource;
import io.github.dockerlayer.report.LayerTable;
import java.io.IOException;
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
    private final OutputFiles files;
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
        this.files = new OutputFiles(outputDirectory);
        this.registries = registries;
        this.overwriteBase = overwriteBase;
        this.log = log;
        this.once = once;
    }

    /** Whether there is something to push: the image goal wrote {@code image.json}. */
    public boolean built() {
        return files.built();
    }

    /** Pushes base and app. */
    public void push() throws IOException {
        OciLayout layout = OciLayout.open(files.layout());
        BuildRecord baseRecord = BuildRecords.read(files.baseJson(), ImageKind.BASE);
        BuildRecord appRecord = BuildRecords.read(files.imageJson(), ImageKind.APP);
        // The app's name first: the base's defaults to it plus -base, so fixing <image> usually fixes both.
        ImageReference appRef = registryReference("image", appRecord.image());
        ImageReference baseRef = registryReference("base", baseRecord.image());
        List<String> tags = appRecord.tags();
        RecordCheck.sameBase(baseRecord, appRecord, "push");
        Image base = read(layout, baseRecord);
        Image app = read(layout, appRecord);

        RegistryImageSink sink = new RegistryImageSink(registries);
        Image baseImage = base;
        boolean[] pushedHere = {false
        }; // a base shared by several modules is pushed by the first; the others reuse that
        RegistryImageSink.Pushed basePush = once.get(
                "push-base:" + baseRef + "@" + base.manifestDescriptor().digest(), () -> {
                    pushedHere[0] = true;
                    return pushBase(sink, baseImage, baseRef);
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

        BuildRecord basePushed = pushed(baseRecord, baseRef, basePush);
        BuildRecord appPushed = pushed(appRecord, appRef, appPush);
        BuildRecords.write(files.baseJson(), basePushed);
        BuildRecords.write(files.imageJson(), appPushed);
        logPushed(log, baseRef, basePushed, basePush, pushedHere[0], appPushed, appPush);
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
            BuildRecord baseRecord,
            RegistryImageSink.Pushed basePush,
            boolean pushedHere,
            BuildRecord appRecord,
            RegistryImageSink.Pushed appPush) {
        boolean baseWasThere = heldAlready(basePush);
        if (pushedHere && !baseWasThere) {
            logTable(log, "Pushed base", baseRecord, basePush);
        }
        logTable(log, "Pushed app", appRecord, appPush);
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

    private RegistryImageSink.Pushed pushBase(RegistryImageSink sink, Image base, ImageReference baseRef)
            throws IOException {
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

    /** The image a record describes, read from the layout; each layer's bytes from the layout, the cache or its registry. */
    private Image read(OciLayout layout, BuildRecord record) throws IOException {
        Image image = RecordCheck.inLayout(record, layout, "push");
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < image.layers().size(); i++) {
            Layer layer = image.layers().get(i);
            String repository = record.manifest().layers().get(i).repository();
            Blob blob = layout.hasBlob(layer.digest())
                    ? layer.blob()
                    : registries.cache().has(layer.digest())
                            ? registries.cache().blob(layer.digest())
                            : repository != null
                                    ? registries.blob(repository, layer.digest(), layer.size())
                                    : Blob.missing(
                                            layer.digest(),
                                            "not in " + layout.root() + " nor in the download cache, and "
                                                    + record.image()
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

    /** The record completed with what the push did: per layer, and for the whole image. */
    static BuildRecord pushed(BuildRecord record, ImageReference reference, RegistryImageSink.Pushed pushed) {
        List<LayerRecord> layers = new ArrayList<>();
        for (LayerRecord layer : record.manifest().layers()) {
            RegistryImageSink.BlobPush result = pushed.blobs().get(layer.digest());
            layers.add(result == null ? layer : layer.withPush(result.status().label(), result.bytesSent()));
        }
        RegistryImageSink.BlobPush config = pushed.blobs().get(record.manifest().imageId());
        PushRecord push = new PushRecord(
                null,
                reference.registryHost(),
                reference.remoteRepository(),
                pushed.manifest().toString(),
                pushed.manifestStatus().label(),
                config == null ? PushStatus.PRESENT.label() : config.status().label(),
                pushed.bytesSent());
        ManifestRecord manifest =
                new ManifestRecord(record.manifest().digest(), record.manifest().imageId(), layers);
        return record.withPush(manifest, push);
    }

    /** The push's layer table: role, size, digest, what the push did, bytes sent; the config's row last. */
    private static void logTable(BuildLog log, String title, BuildRecord record, RegistryImageSink.Pushed pushed) {
        synchronized (LayerTable.LOCK) { // modules pushed with -T do not interleave their tables
            log.info(title + " " + record.image() + " " + pushed.manifest() + " (manifest " + pushed.manifestStatus()
                    + ")");
            log.info(LayerTable.pushHeader());
            for (LayerRecord layer : record.manifest().layers()) {
                log.info(LayerTable.pushRow(
                        layer.role(),
                        Sizes.human(layer.size()),
                        layer.digest().toShortString(),
                        layer.push() == null ? "?" : layer.push(),
                        Sizes.human(layer.bytesSent() == null ? 0 : layer.bytesSent())));
            }
            Digest config = record.manifest().imageId();
            RegistryImageSink.BlobPush configPush = pushed.blobs().get(config);
            log.info(LayerTable.pushRow(
                    "config",
                    "",
                    config.toShortString(),
                    record.push() == null ? "" : record.push().config(),
                    Sizes.human(configPush == null ? 0 : configPush.bytesSent())));
        }
    }
}
