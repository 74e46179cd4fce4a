package io.github.dockerlayer.layer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file of a layer: where it goes in the image and where its bytes come from (a file on disk, or bytes made by
 * the plugin). Directories are not listed: the builder adds every parent directory itself.
 *
 * @param path absolute path in the image, e.g. {@code /app/libs/guava-33.0.jar}
 * @param source the file to copy, or null when {@code content} is given
 * @param content the bytes to write, or null when {@code source} is given
 * @param mode the file's permission bits ({@code 0644} unless an extra directory's permission says otherwise); the
 *     source file's own mode never counts
 */
public record LayerEntry(String path, Path source, byte[] content, int mode) {
    /** The mode of every file unless told otherwise. */
    public static final int DEFAULT_MODE = 0644;

    public LayerEntry {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")
                || path.endsWith("/")
                || path.contains("//")
                || path.contains("/./")
                || path.contains("/../")) {
            throw new IllegalArgumentException("not a normalized absolute file path in the image: " + path);
        }
        if ((source == null) == (content == null)) {
            throw new IllegalArgumentException("give either a source file or content for " + path);
        }
        if ((mode & ~0777) != 0) {
            throw new IllegalArgumentException(
                    "mode " + Integer.toOctalString(mode) + " of " + path + " is not permission bits (000 to 777)");
        }
    }

    public static LayerEntry file(String path, Path source) {
        return new LayerEntry(path, source, null, DEFAULT_MODE);
    }

    public static LayerEntry bytes(String path, byte[] content) {
        return new LayerEntry(path, null, content.clone(), DEFAULT_MODE);
    }

    /** This entry with other permission bits, e.g. {@code 0755}. */
    public LayerEntry withMode(int permissions) {
        return new LayerEntry(path, source, content, permissions);
    }
}
