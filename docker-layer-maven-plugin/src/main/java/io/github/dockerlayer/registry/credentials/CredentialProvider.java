package io.github.dockerlayer.registry.credentials;

import java.io.IOException;

/** Finds the login for a registry host, or none (anonymous). */
@FunctionalInterface
public interface CredentialProvider {
    /** No login anywhere. */
    CredentialProvider ANONYMOUS = registry -> null;

    /**
     * The credential for {@code registry} as the image reference writes it ({@code registry.example.com},
     * {@code 127.0.0.1:5001}; {@code docker.io} for Docker Hub), or null for anonymous access.
     *
     * @throws IOException when a configured source cannot be read (a credential helper fails, say), with a message
     *     naming it
     */
    Credential find(String registry) throws IOException;
}
