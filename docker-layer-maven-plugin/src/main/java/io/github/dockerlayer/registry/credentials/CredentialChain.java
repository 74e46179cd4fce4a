package io.github.dockerlayer.registry.credentials;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Asks several credential sources in turn; the first that has a login for the registry wins, and none means
 * anonymous access (null).
 *
 * <p>The {@linkplain #standard standard chain}:
 *
 * <ol>
 *   <li>Maven's {@code settings.xml} servers, by id: the registry exactly as the image reference writes it
 *       ({@code registry.example.com}, {@code 127.0.0.1:5001}; for Docker Hub {@code docker.io}, or the id
 *       {@code index.docker.io} or {@code registry-1.docker.io});
 *   <li>Docker's {@code config.json} ({@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}): its
 *       {@code credHelpers} helper for the registry, then its {@code credsStore} helper, then its {@code auths} entry
 *       (see {@link DockerConfigCredentials});
 *   <li>Podman's {@code auth.json} (see {@link PodmanAuthFile}).
 * </ol>
 *
 * <p>A source that is configured but broken (a malformed file, a helper that is missing or fails) stops the search
 * with its {@link IOException} rather than silently pushing anonymously. The chain reads no environment or system
 * property of its own: both are given, so that tests can run it on files and helpers of their own.
 */
public final class CredentialChain implements CredentialProvider {
    private final List<CredentialProvider> providers;

    /** A chain of these providers, asked in this order. */
    public CredentialChain(List<CredentialProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /**
     * The standard chain, helpers given {@link CredentialHelper#DEFAULT_TIMEOUT}.
     *
     * @param servers the logins of Maven's settings servers by server id (see
     *     {@code io.github.dockerlayer.maven.MavenServerCredentials})
     * @param env the environment: {@code System.getenv()} in a build ({@code DOCKER_CONFIG}, {@code PATH},
     *     {@code REGISTRY_AUTH_FILE}, {@code XDG_RUNTIME_DIR}, {@code XDG_CONFIG_HOME}); helpers run with it
     * @param home the user's home directory ({@code user.home} in a build)
     */
    public static CredentialChain standard(Map<String, Credential> servers, Map<String, String> env, Path home) {
        return standard(servers, env, home, CredentialHelper.DEFAULT_TIMEOUT);
    }

    /** The standard chain with another time limit for credential helpers. */
    public static CredentialChain standard(
            Map<String, Credential> servers, Map<String, String> env, Path home, Duration helperTimeout) {
        return new CredentialChain(List.of(
                servers(servers),
                DockerConfigCredentials.docker(env, home, helperTimeout),
                PodmanAuthFile.of(env, home, helperTimeout)));
    }

    /**
     * Logins by registry, e.g. from Maven's settings servers: looked up by the registry as the reference writes it,
     * and for Docker Hub also by its other host names.
     */
    public static CredentialProvider servers(Map<String, Credential> servers) {
        Map<String, Credential> copy = Map.copyOf(servers);
        return registry -> {
            String name =
                    registry == null || registry.isBlank() ? DockerConfigCredentials.DOCKER_HUB : registry.strip();
            Credential found = copy.get(name);
            if (found == null
                    && DockerConfigCredentials.canonicalRegistry(name).equals(DockerConfigCredentials.DOCKER_HUB)) {
                for (String alias : DockerConfigCredentials.DOCKER_HUB_HOSTS) {
                    found = found != null ? found : copy.get(alias);
                }
            }
            return found;
        };
    }

    @Override
    public Credential find(String registry) throws IOException {
        for (CredentialProvider provider : providers) {
            Credential found = provider.find(registry);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
