package io.github.dockerlayer.blob;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Whole-file writes that readers never see half done. */
public final class AtomicFiles {
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFiles() {}

    /** Writes {@code bytes} to a temporary sibling of {@code target}, then moves it over {@code target}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = createTemp(parent, "." + target.getFileName());
        try {
            Files.write(temp, bytes);
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A new empty temporary file in {@code directory}, readable by everyone (0644, like a file a build writes under
     * the usual umask), not owner-only as {@link Files#createTempFile} makes it: layouts and reports are read by other
     * users and tools.
     */
    public static Path createTemp(Path directory, String prefix) throws IOException {
        Path temp = Files.createTempFile(directory, prefix, ".tmp");
        try {
            Files.setPosixFilePermissions(temp, READABLE);
        } catch (UnsupportedOperationException notPosix) {
            // Other file systems keep their default permissions.
        }
        return temp;
    }

    /** Moves {@code from} over {@code to} atomically where the file system can, replacing what is there. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
