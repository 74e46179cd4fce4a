package io.github.dockerlayer.source;

import io.github.dockerlayer.archive.DockerArchive;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import java.nio.file.Path;

/** What a {@code from} spec was read as, checked and ready to load into the build's layout. */
sealed interface FromSource {
    /**
     * An image whose layers are where its source keeps them (scratch's none, a source layout's blobs, a registry's or
     * the download cache's).
     *
     * @param image the image
     * @param name the name it is known by (a full reference), or null
     * @param digest its manifest's (or index's) digest, or null for scratch
     */
    record Read(Image image, String name, Digest digest) implements FromSource {}

    /**
     * A docker-archive (a file, or what the daemon saved): its layers are imported when loaded.
     *
     * @param file the archive
     * @param contents its manifest.json and config, read when checked
     */
    record Archive(Path file, DockerArchive.Contents contents) implements FromSource {}
}
