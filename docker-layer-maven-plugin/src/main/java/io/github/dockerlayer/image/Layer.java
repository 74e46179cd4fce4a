package io.github.dockerlayer.image;

/**
 * A layer of an image: its blob (compressed, as stored and pushed) and the digest of its uncompressed tar.
 *
 * @param descriptor the blob's descriptor; its digest is the compressed digest
 * @param diffId the sha256 of the uncompressed tar, as listed in the config's {@code rootfs.diff_ids}
 */
public record Layer(Descriptor descriptor, Digest diffId) {

    public Digest digest() {
        return descriptor.digest();
    }

    public long size() {
        return descriptor.size();
    }
}
