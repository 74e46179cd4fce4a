/**
 * Layers: the plan of which files go into which layer, the reproducible tar and gzip writer, and the layer cache.
 */
package io.github.dockerlayer.layer;
