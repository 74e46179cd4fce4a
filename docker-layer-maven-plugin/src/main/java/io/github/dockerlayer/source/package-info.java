/**
 * What {@code from} names, read as an image: scratch, an OCI layout, a docker-archive, a Docker daemon's image or a registry image.
 */
package io.github.dockerlayer.source;
