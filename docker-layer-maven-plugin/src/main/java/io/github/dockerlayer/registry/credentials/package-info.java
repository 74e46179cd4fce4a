/**
 * Where registry credentials come from: Maven's settings.xml servers (from the plugin layer), Docker's {@code config.json} with its credential helpers, Podman's {@code auth.json}, anonymous.
 *
 * <p>{@link io.github.dockerlayer.registry.credentials.CredentialChain} asks the sources in turn.
 * {@link io.github.dockerlayer.registry.credentials.DockerConfigCredentials} matches keys and picks helper or
 * {@code auths} entry; {@code ConfigFile} reads the file as JSON and {@code AuthEntry} decodes one entry;
 * {@link io.github.dockerlayer.registry.credentials.CredentialHelper} runs a {@code docker-credential-*} program
 * found by {@code ProgramPath}, its output read by {@code StreamCollector}.
 */
package io.github.dockerlayer.registry.credentials;
