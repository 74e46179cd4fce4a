/**
 * Docker's archives as a medium: a {@code docker save} archive read as an image source ({@code DockerArchive}), and the archives {@code docker load} takes, streamed ({@code LoadArchive}).
 */
package io.github.dockerlayer.archive;
