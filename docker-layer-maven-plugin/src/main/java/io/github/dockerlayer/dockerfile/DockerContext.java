package io.github.dockerlayer.dockerfile;

import io.github.dockerlayer.layer.LayerEntry;
import io.github.dockerlayer.layer.LayerPlan;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of the Dockerfile's context: each layer's files under {@code context/<role>/}, as the image has them, with
 * the layer's fixed modes and mtimes (COPY keeps the context's), so the same inputs give the same bytes anywhere.
 */
final class DockerContext {
    private DockerContext() {}

    /**
     * Writes a layer's files under {@code context/<role>/}, with its fixed mtime and modes, feeding each path and file
     * into {@code digest} when given; returns the COPY source.
     */
    static String writeLayer(Path staging, LayerPlan.PlannedLayer layer, Instant mtime, MessageDigest digest)
            throws IOException {
        String source = "context/" + layer.role().label() + "/";
        Path root = staging.resolve(source);
        for (LayerEntry entry : layer.entries()) {
            Path target = root.resolve(entry.path().substring(1));
            Files.createDirectories(target.getParent());
            try (OutputStream out = digested(Files.newOutputStream(target), digest, entry.path())) {
                if (entry.source() != null) {
                    try (InputStream in = Files.newInputStream(entry.source())) {
                        in.transferTo(out);
                    }
                } else {
                    out.write(entry.content());
                }
            }
            fix(target, mtime, entry.mode());
        }
        return source;
    }

    private static OutputStream digested(OutputStream out, MessageDigest digest, String path) {
        if (digest == null) {
            return out;
        }
        digest.update((path + "\0").getBytes(StandardCharsets.UTF_8));
        return new DigestOutputStream(out, digest);
    }

    /** The mode and mtime a layer gives a file: 0644. */
    static void fix(Path file, Instant mtime) throws IOException {
        fix(file, mtime, LayerEntry.DEFAULT_MODE);
    }

    /** The mode and mtime a layer gives a file: its entry's mode (COPY keeps the context's modes). */
    private static void fix(Path file, Instant mtime, int mode) throws IOException {
        StringBuilder bits = new StringBuilder();
        for (int shift = 8; shift >= 0; shift--) {
            bits.append((mode & (1 << shift)) != 0 ? "rwx".charAt((8 - shift) % 3) : '-');
        }
        permissions(file, bits.toString());
        Files.setLastModifiedTime(file, FileTime.from(mtime));
    }

    /** Directories 0755 with the fixed mtime, deepest first (writing a child moves its parent's mtime). */
    static void fixDirectories(Path root, Instant mtime) throws IOException {
        List<Path> directories;
        try (Stream<Path> walk = Files.walk(root)) {
            directories = walk.filter(Files::isDirectory)
                    .sorted(Comparator.reverseOrder())
                    .toList();
        }
        for (Path directory : directories) {
            permissions(directory, "rwxr-xr-x");
            Files.setLastModifiedTime(directory, FileTime.from(mtime));
        }
    }

    private static void permissions(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): Docker gives copied files its own modes there.
        }
    }

    /** Deletes {@code root} and everything under it, when it exists. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
