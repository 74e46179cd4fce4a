/**
 * The {@code push} goal: the layout's base and app images, as the build records describe them, into their registries, daemon-free ({@code ImagePush}) or through a Docker daemon ({@code DaemonPush}).
 */
package io.github.dockerlayer.push;
