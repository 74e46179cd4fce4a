package io.github.dockerlayer.image;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An OCI content descriptor: what a blob is, its digest and its size.
 *
 * @param mediaType the blob's media type
 * @param digest the digest of the blob's bytes
 * @param size the blob's length in bytes
 * @param annotations annotations, sorted by key; empty when none
 */
public record Descriptor(String mediaType, Digest digest, long size, Map<String, String> annotations) {

    public Descriptor {
        annotations = annotations == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    public Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, Map.of());
    }

    /** A descriptor as manifests and indexes hold it in JSON. */
    public static Descriptor fromJson(com.fasterxml.jackson.databind.JsonNode node) {
        Map<String, String> annotations = new TreeMap<>();
        node.path("annotations")
                .fields()
                .forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
        return new Descriptor(
                node.path("mediaType").asText(),
                Digest.parse(node.path("digest").asText()),
                node.path("size").asLong(),
                annotations);
    }

    /** The same descriptor with other annotations. */
    public Descriptor withAnnotations(Map<String, String> newAnnotations) {
        return new Descriptor(mediaType, digest, size, newAnnotations);
    }
}
