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
import io.github.dockerlayer.record.BuildRecord;
import io.github.dockerlayer.record.BuildRecords;
import io.github.dockerlayer.record.ImageKind;
import io.github.dockerlayer.record.OutputFiles;
import io.github.dockerlayer.record.RecordCheck;
import io.github.dockerlayer.registry.PushStatus;
import io.github.dockerlayer.registry.Registries;
import io.github.dockerlayer.registry.RegistryClient;
import io.github.dockerlayer.registry.RegistryImageSink;
import io.github.dockerlayer.registry.RegistryImageSource;
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

        BuildRecord basePushed = PushReport.pushed(baseRecord, baseRef, basePush);
        BuildRecord appPushed = PushReport.pushed(appRecord, appRef, appPush);
        BuildRecords.write(files.baseJson(), basePushed);
        BuildRecords.write(files.imageJson(), appPushed);
        PushReport.logPushed(log, baseRef, basePushed, basePush, pushedHere[0], appPushed, appPush);
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
}
