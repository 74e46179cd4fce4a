/**
 * The Docker daemon as a medium, behind the narrow {@code DockerDaemon} interface over docker-java (no docker-java type leaves this package): the endpoint, API version negotiation, saved daemon images, and the connection policy ({@code DaemonConnection}: the connector, {@code load=auto}).
 */
package io.github.dockerlayer.daemon;
