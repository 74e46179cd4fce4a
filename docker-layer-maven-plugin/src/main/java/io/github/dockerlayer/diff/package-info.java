/**
 * The {@code diff} goal: the built image compared with a reference image, layer by layer, and {@code diff.json}.
 */
package io.github.dockerlayer.diff;
