/**
 * The {@code diff} goal: the built image compared with a reference image, layer by layer, and {@code diff.json}. The
 * comparison is pure ({@code LayerComparison}, {@code LayerRoles}); the two sides are read apart ({@code BuiltSide}
 * from the build records, {@code ReferenceSide} through the image-spec reader).
 */
package io.github.dockerlayer.diff;
