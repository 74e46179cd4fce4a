package io.github.dockerlayer.record;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.dockerlayer.image.Json;
import java.util.List;

/**
 * {@code diff.json}, as the {@code diff} goal writes it: this build's app image compared with a reference, layer by
 * layer. Digests are written as text; a value the reference lacks (it does not exist, or names no base) is null.
 *
 * @param reference the reference as given (or the app's first tag)
 * @param referenceDigest the reference's manifest digest, or null when it does not exist
 * @param baseChanged whether the base moved relative to the reference
 * @param image this build's app image ({@code repo:tag})
 * @param digest this build's manifest digest
 * @param imageId this build's config digest
 * @param referenceImageId the reference's config digest, or null
 * @param base the base this build's app is on
 * @param referenceBase the base the reference's labels name
 * @param layers one row per layer, bottom first, gone layers where they were
 * @param bytesToPull what a node holding the reference pulls when it stores blobs by digest
 * @param bytesToPullClassicStore what an engine with the classic store pulls
 */
@JsonPropertyOrder({
    "reference",
    "referenceDigest",
    "baseChanged",
    "image",
    "digest",
    "imageId",
    "referenceImageId",
    "base",
    "referenceBase",
    "layers",
    "bytesToPull",
    "bytesToPullClassicStore"
})
public record DiffRecord(
        String reference,
        String referenceDigest,
        boolean baseChanged,
        String image,
        String digest,
        String imageId,
        String referenceImageId,
        Base base,
        Base referenceBase,
        List<Layer> layers,
        long bytesToPull,
        long bytesToPullClassicStore) {
    public DiffRecord {
        layers = List.copyOf(layers);
    }

    /**
     * A base image as an app names it.
     *
     * @param image {@code repo:version}, or null when unknown
     * @param digest its manifest digest, or null when unknown
     */
    @JsonPropertyOrder({"image", "digest"})
    public record Base(String image, String digest) {}

    /**
     * One row of the diff.
     *
     * @param role the layer's role
     * @param digest this build's layer, or null when the layer is gone
     * @param size its compressed size (for a gone layer, the reference's)
     * @param status {@code same}, {@code changed}, {@code new} or {@code gone}
     * @param referenceDigest the reference's layer in the same place, or null when the layer is new
     */
    @JsonPropertyOrder({"role", "digest", "size", "status", "referenceDigest"})
    public record Layer(String role, String digest, long size, String status, String referenceDigest) {}

    /** The file's bytes: indented, keys in the order above, nulls written. */
    public byte[] toJson() {
        return Json.pretty(this);
    }
}
