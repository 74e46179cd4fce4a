/**
 * The {@code dockerfile} goal: the text of a Dockerfile ({@code Dockerfile}), the two-stage Dockerfile and its context ({@code DockerfileWriter}), and its build by a Docker daemon ({@code DaemonBuild}).
 */
package io.github.dockerlayer.dockerfile;
