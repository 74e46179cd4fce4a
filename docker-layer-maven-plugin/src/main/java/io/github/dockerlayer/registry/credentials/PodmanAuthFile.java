package io.github.dockerlayer.registry.credentials;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The logins that Podman, skopeo and buildah keep (containers-auth.json(5)). The files are read in this order until
 * one has a login for the registry:
 *
 * <ol>
 *   <li>{@code $REGISTRY_AUTH_FILE}, when set: then it is the only one, as for those tools;
 *   <li>{@code $XDG_RUNTIME_DIR/containers/auth.json}, the file {@code podman login} writes on Linux;
 *   <li>{@code $XDG_CONFIG_HOME/containers/auth.json}, {@code XDG_CONFIG_HOME} defaulting to {@code ~/.config}.
 * </ol>
 *
 * <p>Missing files are skipped. Those tools then fall back to Docker's {@code config.json}, which
 * {@link CredentialChain} reads before this. Entries are read as {@link DockerConfigCredentials} reads them
 * ({@code credHelpers}, then {@code auths}); a credential found here has the file's path as its source.
 */
public final class PodmanAuthFile implements CredentialProvider {
    private final List<DockerConfigCredentials> files;
    private final CredentialChain chain;

    private PodmanAuthFile(List<DockerConfigCredentials> files) {
        this.files = List.copyOf(files);
        this.chain = new CredentialChain(List.copyOf(files));
    }

    /**
     * The auth files for this environment and home directory.
     *
     * @param env the environment ({@code REGISTRY_AUTH_FILE}, {@code XDG_RUNTIME_DIR}, {@code XDG_CONFIG_HOME},
     *     {@code PATH} for helpers)
     */
    public static PodmanAuthFile of(Map<String, String> env, Path home, Duration helperTimeout) {
        List<DockerConfigCredentials> files = new ArrayList<>();
        for (Path path : paths(env, home)) {
            files.add(DockerConfigCredentials.podman(path, env, helperTimeout));
        }
        return new PodmanAuthFile(files);
    }

    /** The files looked in, in order; they need not exist. */
    public static List<Path> paths(Map<String, String> env, Path home) {
        String override = env.get("REGISTRY_AUTH_FILE");
        if (set(override)) {
            return List.of(Path.of(override));
        }
        List<Path> paths = new ArrayList<>();
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (set(runtime)) {
            paths.add(Path.of(runtime, "containers", "auth.json"));
        }
        String config = env.get("XDG_CONFIG_HOME");
        paths.add((set(config) ? Path.of(config) : home.resolve(".config"))
                .resolve("containers")
                .resolve("auth.json"));
        return paths;
    }

    private static boolean set(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public Credential find(String registry) throws IOException {
        return chain.find(registry);
    }

    @Override
    public String toString() {
        return "PodmanAuthFile"
                + files.stream().map(DockerConfigCredentials::file).toList();
    }
}
