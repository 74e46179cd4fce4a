package io.github.dockerlayer.assemble;

import io.github.dockerlayer.image.Layer;

/**
 * A layer of a built image with what it is for and what this build did to get it.
 *
 * @param role from, dependencies, snapshot-dependencies, project-dependencies, resources, classes or launch
 * @param layer the layer
 * @param status {@link #NEW}, {@link #UNCHANGED}, {@link #REUSED} or {@link #IMPORTED}
 */
public record BuiltLayer(String role, Layer layer, String status) {
    /** Built now, and its blob was not in the layout before: this layer changed. */
    public static final String NEW = "new";
    /** Built now (its inputs' sizes or times moved) with the same digest as a blob already in the layout. */
    public static final String UNCHANGED = "unchanged";
    /** Taken from the layout as it was (a from layer already imported, or a layer whose inputs did not move). */
    public static final String REUSED = "reused";
    /** A from layer copied into the layout by this build. */
    public static final String IMPORTED = "imported";
}
