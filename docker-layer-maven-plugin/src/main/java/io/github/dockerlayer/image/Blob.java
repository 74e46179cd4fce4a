package io.github.dockerlayer.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where the bytes of a blob can be read: a file in a layout or a cache, a registry (fetched when first opened), or
 * nowhere on this machine. A sink asks only when it needs the bytes, so a blob the destination already holds is never
 * read.
 */
public interface Blob {
    /** The blob's bytes (for a layer: compressed, as stored and pushed). */
    InputStream open() throws IOException;

    /** A local file holding exactly these bytes, to hard-link or copy; null when there is none (yet). */
    default Path file() {
        return null;
    }

    /**
     * The registry repository that holds the blob ({@code host[:port]/name}), when it lives in one: a push to the same
     * registry mounts it from there instead of uploading. Null otherwise.
     */
    default String repository() {
        return null;
    }

    /**
     * The same bytes, also known to be in registry repository {@code repository} ({@code host[:port]/name}), so that a
     * push to that registry mounts them instead of uploading.
     */
    static Blob withRepository(Blob blob, String repository) {
        return new Blob() {
            @Override
            public InputStream open() throws IOException {
                return blob.open();
            }

            @Override
            public Path file() {
                return blob.file();
            }

            @Override
            public String repository() {
                return repository;
            }

            @Override
            public String toString() {
                return blob + ", also in " + repository;
            }
        };
    }

    /** A blob in a local file. */
    static Blob ofFile(Path file) {
        return new Blob() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public Path file() {
                return file;
            }

            @Override
            public String toString() {
                return file.toString();
            }
        };
    }

    /** A blob known only by digest, not available here; {@code where} says why, for the error when it is opened. */
    static Blob missing(Digest digest, String where) {
        return new Blob() {
            @Override
            public InputStream open() throws IOException {
                throw new NoSuchFileException(digest.toString(), null, where);
            }

            @Override
            public String toString() {
                return "missing " + digest + " (" + where + ")";
            }
        };
    }
}
