package io.github.dockerlayer.build;

import io.github.dockerlayer.image.Layer;

/**
 * A layer of a built image with what it is for and whether this build made it.
 *
 * @param role from, dependencies, snapshot-dependencies, project-dependencies, resources, classes or launch
 * @param layer the layer
 * @param status {@code new}, {@code reused} or {@code imported}
 */
public record BuiltLayer(String role, Layer layer, String status) {}
