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
 */
public record LayerEntry(String path, Path source, byte[] content) {

    public LayerEntry {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.endsWith("/") || path.contains("//") || path.contains("/./")
                || path.contains("/../")) {
            throw new IllegalArgumentException("not a normalized absolute file path in the image: " + path);
        }
        if ((source == null) == (content == null)) {
            throw new IllegalArgumentException("give either a source file or content for " + path);
        }
    }

    public static LayerEntry file(String path, Path source) {
        return new LayerEntry(path, source, null);
    }

    public static LayerEntry bytes(String path, byte[] content) {
        return new LayerEntry(path, null, content.clone());
    }
}
