package io.github.dockerlayer.record;

import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.ImageReference;
import java.util.List;

/**
 * An image the build wrote into the layout.
 *
 * @param reference its first name, {@code repository:tag}
 * @param tags all its tags
 * @param image the image
 * @param manifest its manifest's descriptor (the digest a registry will report)
 * @param layers its layers with their roles, bottom first
 */
public record BuiltImage(
        ImageReference reference, List<String> tags, Image image, Descriptor manifest, List<BuiltLayer> layers) {}
