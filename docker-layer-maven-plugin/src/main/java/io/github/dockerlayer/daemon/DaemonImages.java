package io.github.dockerlayer.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Images read from a daemon ({@code from} = {@code docker-daemon:REF}): saved once per image ID into the shared
 * cache as a docker-archive, so a second build on the same image does not ask the daemon to save it again.
 */
public final class DaemonImages {
    private DaemonImages() {}

    /**
     * The docker-archive of the image {@code reference} names in {@code daemon}, from {@code cacheDirectory/daemon/}
     * when saved before (by image ID), else saved now; empty when the daemon has no such image.
     */
    public static Optional<Path> saved(DockerDaemon daemon, String reference, Path cacheDirectory) throws IOException {
        Optional<DockerDaemon.InspectedImage> image = daemon.inspect(reference);
        if (image.isEmpty()) {
            return Optional.empty();
        }
        Path dir = cacheDirectory.resolve("daemon");
        Path file = dir.resolve(image.get().id().hex() + ".tar");
        if (Files.isRegularFile(file)) {
            return Optional.of(file);
        }
        Files.createDirectories(dir);
        Path part = Files.createTempFile(dir, image.get().id().hex(), ".part");
        try {
            try (InputStream in = daemon.save(reference)) {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            }
            // Another build may have saved the same image meanwhile: either copy is the same image.
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
        return Optional.of(file);
    }
}
