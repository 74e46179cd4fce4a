package io.github.dockerlayer.source;

import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.image.Platform;

/** {@code scratch}: the empty image, made for whatever platform is asked for. */
public record Scratch() implements ImageSpec {
    /** How a user names it. */
    public static final String TEXT = "scratch";

    @Override
    public String text() {
        return TEXT;
    }

    /** The empty image for {@code platform}: no layers, a config naming that platform. */
    public Image image(Platform platform) {
        return Images.scratch(platform);
    }
}
