/**
 * The {@code dockerfile} goal: the text of a Dockerfile ({@code Dockerfile}), the two-stage Dockerfile
 * ({@code DockerfileWriter}) and its context files ({@code DockerContext}), the checked {@code baseInstructions}
 * ({@code BaseInstructions}), and its build by a Docker daemon ({@code DaemonBuild}).
 */
package io.github.dockerlayer.dockerfile;
