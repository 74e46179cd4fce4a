/**
 * What a user names an image by ({@code from}, {@code diffAgainst}): {@link io.github.dockerlayer.source.ImageSpec},
 * one record per medium (scratch, an OCI layout, a docker-archive, a Docker daemon's image, a registry image), parsed in
 * one place; and {@link io.github.dockerlayer.source.FromImage}, the {@code from} spec read, checked and loaded.
 */
package io.github.dockerlayer.source;
