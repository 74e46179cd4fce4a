/**
 * Where registry credentials come from: Maven's settings.xml servers (from the plugin layer), Docker's {@code config.json} with its credential helpers, Podman's {@code auth.json}, anonymous.
 */
package io.github.dockerlayer.registry.credentials;
