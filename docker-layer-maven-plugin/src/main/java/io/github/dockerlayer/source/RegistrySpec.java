package io.github.dockerlayer.source;

import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.registry.RegistryImageSource;
import java.io.IOException;
import java.util.Optional;

/**
 * A registry reference as Docker writes it ({@code eclipse-temurin:21-jre}, {@code host:port/repo:tag},
 * {@code repo@sha256:...}).
 *
 * @param text the name as written
 * @param reference the parsed reference
 */
public record RegistrySpec(String text, ImageReference reference) implements ImageSpec {
    /**
     * The image for {@code platform} (a multi-platform index resolved to it): its manifest and config now, its layers
     * only when opened; empty when the registry has no such tag or digest.
     *
     * @throws Platform.NotOffered when an index has no image for {@code platform}
     */
    public Optional<RegistryImageSource.Pulled> find(RegistryImageSource registry, Platform platform)
            throws IOException {
        return registry.find(reference, platform);
    }

    /** As {@link #find}, failing with a {@code NOT_FOUND} registry failure when the registry has no such image. */
    public RegistryImageSource.Pulled read(RegistryImageSource registry, Platform platform) throws IOException {
        return registry.read(reference, platform);
    }
}
