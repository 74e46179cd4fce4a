package io.github.dockerlayer.source;

import io.github.dockerlayer.archive.DockerArchive;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code docker-archive:PATH}: the first image of a file {@code docker save} wrote.
 *
 * @param text the name as written
 * @param file the archive, resolved against the project directory
 */
public record DockerArchiveSpec(String text, Path file) implements ImageSpec {
    /** The prefix that marks such a name. */
    public static final String PREFIX = "docker-archive:";

    /** What the archive holds (its manifest.json and config), read by the tar's headers, no layer. */
    public DockerArchive.Contents contents() throws IOException {
        return new DockerArchive(file).contents();
    }
}
