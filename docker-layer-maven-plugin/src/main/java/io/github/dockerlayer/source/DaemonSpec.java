package io.github.dockerlayer.source;

import io.github.dockerlayer.daemon.DaemonEndpoint;
import io.github.dockerlayer.daemon.DaemonImages;
import io.github.dockerlayer.daemon.DockerDaemon;
import io.github.dockerlayer.daemon.DockerJavaDaemon;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code docker-daemon:REF}: an image the local Docker daemon holds, read as the docker-archive it saves.
 *
 * @param text the name as written
 * @param reference the image as the daemon names it (empty when the name gives none)
 */
public record DaemonSpec(String text, String reference) implements ImageSpec {
    /** The prefix that marks such a name. */
    public static final String PREFIX = "docker-daemon:";

    /**
     * What the daemon saved of the image.
     *
     * @param endpoint the daemon asked, described for a message
     * @param file the docker-archive, or empty when the daemon has no such image
     */
    public record Saved(String endpoint, Optional<Path> file) {}

    /**
     * Saves the image from the daemon of the environment ({@code DOCKER_HOST}) into {@code cacheDirectory}, once per
     * image ID (a second read of the same image reuses the file).
     *
     * @throws io.github.dockerlayer.daemon.DaemonException when the daemon cannot be reached or fails
     */
    public Saved save(Path cacheDirectory) throws IOException {
        try (DockerDaemon daemon = DockerJavaDaemon.connect(DaemonEndpoint.fromEnvironment())) {
            return new Saved(daemon.endpoint().describe(), DaemonImages.saved(daemon, reference, cacheDirectory));
        }
    }
}
