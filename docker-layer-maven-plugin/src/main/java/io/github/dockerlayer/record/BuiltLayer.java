package io.github.dockerlayer.record;

import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.layer.LayerRole;

/**
 * A layer of a built image with what it is for and what this build did to get it.
 *
 * @param role what the layer holds
 * @param layer the layer
 * @param status what the build did to get it
 */
public record BuiltLayer(LayerRole role, Layer layer, LayerStatus status) {}
