package io.github.dockerlayer.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Pure functions over {@link Image}: each returns a new image and leaves its argument as it was. */
public final class Images {
    private Images() {}

    /** The empty image: no layers, a linux/amd64 config with nothing set. */
    public static Image scratch() {
        return scratch(Platform.LINUX_AMD64);
    }

    /** The empty image for {@code platform}: no layers, an empty container config. */
    public static Image scratch(Platform platform) {
        ObjectNode config = Json.object();
        config.put("architecture", platform.architecture());
        config.put("os", platform.os());
        if (platform.variant() != null) {
            config.put("variant", platform.variant());
        }
        config.putObject("config");
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids");
        config.putArray("history");
        return new Image(config, List.of());
    }

    /** An image from a config document and its layers (as read from a source); checks they agree. */
    public static Image of(ObjectNode config, List<Layer> layers) {
        return new Image(config, layers);
    }

    /**
     * An image from its manifest and config documents (as a source read them), each layer's bytes found by
     * {@code blobs} from its descriptor. Docker's layer media types become the OCI ones, byte for byte the same.
     */
    public static Image fromManifest(ObjectNode manifest, ObjectNode config, Function<Descriptor, Blob> blobs) {
        JsonNode diffIds = config.path("rootfs").path("diff_ids");
        JsonNode layerNodes = manifest.path("layers");
        if (diffIds.size() != layerNodes.size()) {
            throw new IllegalArgumentException("the manifest lists " + layerNodes.size() + " layers but the config "
                    + diffIds.size() + " diff_ids");
        }
        List<Layer> layers = new ArrayList<>();
        int i = 0;
        for (JsonNode node : layerNodes) {
            Descriptor layer = Descriptor.fromJson(node);
            layer = new Descriptor(
                    MediaType.toOciLayer(layer.mediaType()), layer.digest(), layer.size(), layer.annotations());
            layers.add(new Layer(layer, Digest.parse(diffIds.path(i++).asText()), blobs.apply(layer)));
        }
        return new Image(config, layers);
    }

    /** Appends a layer, with a history entry saying what made it. */
    public static Image appendLayer(Image image, Layer layer, Instant created, String createdBy) {
        ObjectNode config = image.config();
        ObjectNode rootfs = config.withObjectProperty("rootfs");
        rootfs.put("type", "layers");
        rootfs.withArray("diff_ids").add(layer.diffId().toString());
        ObjectNode entry = Json.object();
        entry.put("created", created.toString());
        entry.put("created_by", createdBy);
        config.withArray("history").add(entry);
        List<Layer> layers = new ArrayList<>(image.layers());
        layers.add(layer);
        return new Image(config, layers);
    }

    /** Changes the runtime part of the config ({@code config.config}: Entrypoint, Env, Labels...). */
    public static Image withContainerConfig(Image image, Consumer<ObjectNode> change) {
        ObjectNode config = image.config();
        change.accept(config.withObjectProperty("config"));
        return new Image(config, image.layers());
    }

    /** Sets the image's creation time. */
    public static Image withCreated(Image image, Instant created) {
        ObjectNode config = image.config();
        config.put("created", created.toString());
        return new Image(config, image.layers());
    }
}
