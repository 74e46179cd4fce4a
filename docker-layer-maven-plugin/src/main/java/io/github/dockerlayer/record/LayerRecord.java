package io.github.dockerlayer.record;

import io.github.dockerlayer.image.Digest;

/**
 * A layer as a build record lists it.
 *
 * @param role what the layer holds ({@code from}, {@code dependencies}, ... {@code classes})
 * @param digest the compressed blob's digest
 * @param diffId the uncompressed tar's digest
 * @param size the compressed blob's size
 * @param repository the registry repository holding the blob when the layout lacks it ({@code host/name}), or null
 * @param push what the push did with it ({@code uploaded}, {@code mounted}, {@code present}...), or null before a push
 * @param bytesSent the bytes the push sent for it, or null before a push
 */
public record LayerRecord(
        String role, Digest digest, Digest diffId, long size, String repository, String push, Long bytesSent) {

    /** The same layer, with what a push did to it. */
    public LayerRecord withPush(String status, long sent) {
        return new LayerRecord(role, digest, diffId, size, repository, status, sent);
    }
}
