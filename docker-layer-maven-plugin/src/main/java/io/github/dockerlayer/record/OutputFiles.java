package io.github.dockerlayer.record;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one place that knows the names in the plugin's output directory ({@code target/docker-layer}): the build records,
 * the diff, the daemon loads, the OCI layout, the layer cache.
 *
 * @param directory the output directory
 */
public record OutputFiles(Path directory) {
    /** The output directory's name under the project's build directory. */
    public static final String DIRECTORY = "docker-layer";

    /** The output directory under a project's build directory ({@code target}). */
    public static OutputFiles under(Path buildDirectory) {
        return new OutputFiles(buildDirectory.resolve(DIRECTORY));
    }

    /** {@code base.json}: the base goal's record. */
    public Path baseJson() {
        return directory.resolve("base.json");
    }

    /** {@code image.json}: the image goal's record. */
    public Path imageJson() {
        return directory.resolve("image.json");
    }

    /** The record of {@code kind}: {@link #baseJson()} or {@link #imageJson()}. */
    public Path record(ImageKind kind) {
        return kind == ImageKind.BASE ? baseJson() : imageJson();
    }

    /** {@code diff.json}: the diff goal's result. */
    public Path diffJson() {
        return directory.resolve("diff.json");
    }

    /** {@code daemon-loads.json}: what loads put into containerd-store daemons. */
    public Path daemonLoads() {
        return directory.resolve("daemon-loads.json");
    }

    /** {@code oci/}: the OCI image layout holding base and app. */
    public Path layout() {
        return directory.resolve("oci");
    }

    /** {@code cache/}: the layer cache. */
    public Path cache() {
        return directory.resolve("cache");
    }

    /** Whether the base and image goals left their records here. */
    public boolean built() {
        return Files.isRegularFile(imageJson()) && Files.isRegularFile(baseJson());
    }
}
