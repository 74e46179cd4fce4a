package io.github.dockerlayer.assemble;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.image.Annotations;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.layer.LayerCache;
import io.github.dockerlayer.layer.LayerPlan;
import io.github.dockerlayer.layer.LayerRole;
import io.github.dockerlayer.layout.OciLayout;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.log.Sizes;
import io.github.dockerlayer.record.BuildReport;
import io.github.dockerlayer.record.BuiltImage;
import io.github.dockerlayer.record.BuiltLayer;
import io.github.dockerlayer.record.ImageKind;
import io.github.dockerlayer.record.LayerStatus;
import io.github.dockerlayer.registry.RegistryImageSource;
import io.github.dockerlayer.source.FromImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The base image: the from image and the dependency layers, with the fixed epoch as its time, written into the layout,
 * tagged with its version and recorded in {@code base.json}. Its layers are built here (a shared base's once per
 * build), or adopted from the registry that already holds this base ({@link RegistryBase}).
 *
 * @param registry where to look for this base before building its layers, or null when this run does not push
 * @param once what the modules of one build share
 */
record BaseBuild(BuildRequest request, BuildLog log, RegistryImageSource registry, Once once) {
    /** Builds (or reuses, or adopts) the base, writes it into the layout and {@code base.json}. */
    BuiltImage build() throws IOException {
        if (request.from().isScratch()) {
            log.warn("<from> is scratch: the image holds no Java runtime and cannot run on its own. Set <from> to a"
                    + " JRE image (a registry reference, oci:PATH:TAG or docker-archive:PATH).");
        }
        OciLayout layout = OciLayout.openOrCreate(request.files().layout());
        LayerBuilder builder = new LayerBuilder(request, layout, log);
        FromImage.Loaded from = request.from().load(layout, builder.cache(), log, registry == null);
        List<LayerPlan.PlannedLayer> planned = LayerPlan.baseLayers(request.baseDependencies());
        Image remote = new RegistryBase(request, log, registry).adopt(from.image(), planned, builder.cache());
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
                        builder.present(layer.digest()) ? LayerStatus.REUSED : LayerStatus.REMOTE));
            }
            image = remote;
        } else {
            for (Layer layer : from.image().layers()) {
                LayerStatus status = builder.present(layer.digest())
                        ? LayerStatus.REUSED
                        : layout.hasBlob(layer.digest()) ? LayerStatus.IMPORTED : LayerStatus.REMOTE;
                layers.add(new BuiltLayer(LayerRole.FROM, layer, status));
            }
            List<Layer> dependencyLayers = new ArrayList<>();
            for (LayerPlan.PlannedLayer layer : planned) {
                BuiltLayer built = dependencyLayer(builder, layer);
                layers.add(built);
                dependencyLayers.add(built.layer());
            }
            image = image(from.image(), planned, dependencyLayers);
        }
        Descriptor manifest = layout.writeImage(image);
        tellLayersElsewhere(layout, image);
        String version = version(request, image);
        ImageReference reference = request.base().withTag(version);
        layout.tag(manifest, List.of(reference), ImageKind.BASE.label());
        BuiltImage base = new BuiltImage(reference, List.of(version), image, manifest, layers);
        record(base, from);
        return base;
    }

    /**
     * A dependency layer from the cache or built now. A shared base's layer is built once per build: the first service
     * builds it in its layout, the others link that file into theirs.
     */
    private BuiltLayer dependencyLayer(LayerBuilder builder, LayerPlan.PlannedLayer layer) throws IOException {
        if (request.sharedBase() == null) {
            return builder.layer(layer, Parameters.FIXED_EPOCH, request.base().name());
        }
        String key = LayerCache.key(layer.entries(), Parameters.FIXED_EPOCH);
        boolean[] here = {false};
        BuiltLayer built = once.get("shared-base-layer:" + key, () -> {
            here[0] = true;
            return builder.layer(layer, Parameters.FIXED_EPOCH, request.base().name());
        });
        if (!here[0]) {
            builder.cache().store(key, built.layer()); // so a later build of this module alone (-pl) reuses it too
        }
        return built;
    }

    /** Says which layers the layout leaves in a registry, once a layout and build. */
    private void tellLayersElsewhere(OciLayout layout, Image image) throws IOException {
        List<Layer> elsewhere = image.layers().stream()
                .filter(layer -> !layout.hasBlob(layer.digest()))
                .toList();
        boolean[] first = {false
        }; // said once a layout and build: the image goal builds the base again after the base goal
        once.get("layout-leaves:" + request.files().layout(), () -> first[0] = true);
        if (!elsewhere.isEmpty() && first[0]) {
            log.info("The layout leaves " + elsewhere.size() + (elsewhere.size() == 1 ? " layer" : " layers") + " ("
                    + Sizes.human(elsewhere.stream().mapToLong(Layer::size).sum()) + ") in "
                    + elsewhere.get(0).blob().repository()
                    + ", as this run pushes and the push mounts or copies them from there; base.json names where each is."
                    + " A build without push downloads them into the layout (once per machine), for tools that read the"
                    + " layout alone.");
        }
    }

    /** Logs where the base is and writes {@code base.json}. */
    private void record(BuiltImage base, FromImage.Loaded from) throws IOException {
        Path record = request.files().baseJson();
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
    }

    /** The base version: the fixed one, else derived from the config's digest. */
    static String version(BuildRequest request, Image image) {
        // The config digest (the image ID), not the manifest's: it depends on the layers' uncompressed bytes only, so
        // it stays the same where another zlib compresses the same layers to other bytes.
        return request.baseVersion() != null
                ? request.baseVersion()
                : image.configDescriptor().digest().shortHex(12);
    }

    /** The base image: the from image, the dependency layers, the fixed epoch as its time. */
    static Image image(Image from, List<LayerPlan.PlannedLayer> planned, List<Layer> dependencyLayers) {
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
}
