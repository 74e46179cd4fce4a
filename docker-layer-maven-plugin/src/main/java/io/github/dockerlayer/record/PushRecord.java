package io.github.dockerlayer.record;

/**
 * What the push goal did with an image, the {@code push} object of a build record.
 *
 * @param via {@code daemon} when a Docker daemon pushed it ({@code pushFrom=daemon}), null when the plugin did
 * @param registry the registry host
 * @param repository the repository in that registry
 * @param digest the manifest digest the registry holds (null when a daemon reported none)
 * @param manifest what the push did with the manifest ({@code uploaded}, {@code present}), null for a daemon's push
 * @param config what it did with the config blob, null for a daemon's push
 * @param bytesSent the bytes sent in all, null for a daemon's push
 */
public record PushRecord(
        String via, String registry, String repository, String digest, String manifest, String config, Long bytesSent) {

    /** A push by a Docker daemon, which reports the manifest digest alone. */
    public static PushRecord byDaemon(String registry, String repository, String digest) {
        return new PushRecord("daemon", registry, repository, digest, null, null, null);
    }
}
