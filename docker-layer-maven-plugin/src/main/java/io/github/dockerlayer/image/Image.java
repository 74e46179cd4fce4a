package io.github.dockerlayer.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A read-only image: its config document and its layers, bottom first. The manifest is derived from both; change an
 * image with the pure functions of {@link Images}.
 */
public final class Image {
    private final ObjectNode config;
    private final List<Layer> layers;

    Image(ObjectNode config, List<Layer> layers) {
        ArrayNode diffIds = (ArrayNode) config.path("rootfs").path("diff_ids");
        if (diffIds.size() != layers.size()) {
            throw new IllegalArgumentException(
                    "config lists " + diffIds.size() + " diff_ids for " + layers.size() + " layers");
        }
        for (int i = 0; i < layers.size(); i++) {
            if (!diffIds.get(i).asText().equals(layers.get(i).diffId().toString())) {
                throw new IllegalArgumentException("config diff_id " + i + " does not match the layer's");
            }
        }
        this.config = config.deepCopy();
        this.layers = List.copyOf(layers);
    }

    /** A copy of the config document. */
    public ObjectNode config() {
        return config.deepCopy();
    }

    public List<Layer> layers() {
        return layers;
    }

    /** The config as stored: canonical JSON bytes. */
    public byte[] configBytes() {
        return Json.bytes(config);
    }

    public Descriptor configDescriptor() {
        byte[] bytes = configBytes();
        return new Descriptor(MediaType.OCI_CONFIG, Digest.sha256(bytes), bytes.length);
    }

    /** The image's OCI manifest as stored: canonical JSON bytes. */
    public byte[] manifestBytes() {
        ObjectNode manifest = Json.object();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaType.OCI_MANIFEST);
        manifest.set("config", descriptorJson(configDescriptor()));
        ArrayNode array = manifest.putArray("layers");
        layers.forEach(layer -> array.add(descriptorJson(layer.descriptor())));
        return Json.bytes(manifest);
    }

    public Descriptor manifestDescriptor() {
        byte[] bytes = manifestBytes();
        return new Descriptor(MediaType.OCI_MANIFEST, Digest.sha256(bytes), bytes.length);
    }

    /** A descriptor as JSON, the way manifests and indexes hold it. */
    public static ObjectNode descriptorJson(Descriptor descriptor) {
        ObjectNode node = Json.object();
        node.put("mediaType", descriptor.mediaType());
        node.put("digest", descriptor.digest().toString());
        node.put("size", descriptor.size());
        if (!descriptor.annotations().isEmpty()) {
            ObjectNode annotations = node.putObject("annotations");
            descriptor.annotations().forEach(annotations::put);
        }
        return node;
    }
}
