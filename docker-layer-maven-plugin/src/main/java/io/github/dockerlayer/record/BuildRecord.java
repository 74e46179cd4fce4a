package io.github.dockerlayer.record;

import java.util.List;

/**
 * A build record: {@code base.json} ({@link ImageKind#BASE}) or {@code image.json} ({@link ImageKind#APP}), the
 * contract between the goals. {@link BuildRecords} reads and writes it.
 *
 * @param kind which of the two it is; it names the parent's key ({@code from} or {@code base})
 * @param image the image's first name, {@code repository:tag}
 * @param tags all its tags
 * @param manifest the image's manifest, config and layers
 * @param parent what it stands on
 * @param dependencies the dependencies a base holds ({@code groupId:artifactId:version[:classifier]}), null for an app
 * @param load what a load into a daemon did (image.json), or null
 * @param push what the push goal did, or null
 */
public record BuildRecord(
        ImageKind kind,
        String image,
        List<String> tags,
        ManifestRecord manifest,
        ParentRecord parent,
        List<String> dependencies,
        LoadRecord load,
        PushRecord push) {
    public BuildRecord {
        tags = List.copyOf(tags);
        dependencies = dependencies == null ? null : List.copyOf(dependencies);
    }

    /** The record of a image this build made, with no load or push yet. */
    public static BuildRecord of(ImageKind kind, BuiltImage built, ParentRecord parent, List<String> dependencies) {
        List<LayerRecord> layers = built.layers().stream()
                .map(layer -> new LayerRecord(
                        layer.role().label(),
                        layer.layer().digest(),
                        layer.layer().diffId(),
                        layer.layer().size(),
                        layer.layer().blob().repository(),
                        null,
                        null))
                .toList();
        ManifestRecord manifest = new ManifestRecord(
                built.manifest().digest(), built.image().configDescriptor().digest(), layers);
        return new BuildRecord(
                kind, built.reference().toString(), built.tags(), manifest, parent, dependencies, null, null);
    }

    /** The same record with what a load did. */
    public BuildRecord withLoad(LoadRecord newLoad) {
        return new BuildRecord(kind, image, tags, manifest, parent, dependencies, newLoad, push);
    }

    /** The same record with what a push did, to the image and (as {@code newManifest} says) to each layer. */
    public BuildRecord withPush(ManifestRecord newManifest, PushRecord newPush) {
        return new BuildRecord(kind, image, tags, newManifest, parent, dependencies, load, newPush);
    }

    /** The same record with what a push did to the image. */
    public BuildRecord withPush(PushRecord newPush) {
        return withPush(manifest, newPush);
    }
}
