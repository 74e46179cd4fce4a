package io.github.dockerlayer.image;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * A layer of an image: its blob (compressed, as stored and pushed), the digest of its uncompressed tar, and where its
 * bytes are. Two layers are equal when their descriptors and diffIds are: where the bytes live does not count.
 *
 * @param descriptor the blob's descriptor; its digest is the compressed digest
 * @param diffId the sha256 of the uncompressed tar, as listed in the config's {@code rootfs.diff_ids}
 * @param blob where the bytes can be read
 */
public record Layer(Descriptor descriptor, Digest diffId, Blob blob) {

    public Layer {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(diffId, "diffId");
        Objects.requireNonNull(blob, "blob");
    }

    /** A layer whose bytes are not available here. */
    public Layer(Descriptor descriptor, Digest diffId) {
        this(descriptor, diffId, Blob.missing(descriptor.digest(), "no source holds it"));
    }

    public Digest digest() {
        return descriptor.digest();
    }

    public long size() {
        return descriptor.size();
    }

    /** The same layer, its bytes read from elsewhere. */
    public Layer withBlob(Blob newBlob) {
        return new Layer(descriptor, diffId, newBlob);
    }

    /** The compressed bytes, as stored. */
    public InputStream open() throws IOException {
        return blob.open();
    }

    /** The uncompressed tar: gunzipped for gzip layers, as stored for plain tar layers. */
    public InputStream openUncompressed() throws IOException {
        InputStream in = blob.open();
        return descriptor.mediaType().endsWith("+gzip")
                        || descriptor.mediaType().endsWith(".gzip")
                ? new GZIPInputStream(in, 1 << 16)
                : in;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Layer layer && descriptor.equals(layer.descriptor) && diffId.equals(layer.diffId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(descriptor, diffId);
    }

    @Override
    public String toString() {
        return "Layer[" + descriptor.digest() + ", diffId " + diffId + ", " + descriptor.size() + " bytes, from " + blob
                + "]";
    }
}
