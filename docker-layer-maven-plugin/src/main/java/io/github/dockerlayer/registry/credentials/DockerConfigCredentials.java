package io.github.dockerlayer.registry.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The logins in a Docker CLI {@code config.json}, or in a Podman/skopeo/buildah {@code auth.json}
 * (containers-auth.json(5)), which has the same shape:
 *
 * <pre>{@code
 * {
 *   "credHelpers": { "123456789.dkr.ecr.eu-west-1.amazonaws.com": "ecr-login" },
 *   "credsStore": "pass",
 *   "auths": {
 *     "https://index.docker.io/v1/": {},
 *     "registry.example.com:5000": { "auth": "base64 of user:password" },
 *     "ghcr.io": { "username": "me", "password": "..." },
 *     "myregistry.azurecr.io": { "identitytoken": "..." }
 *   }
 * }
 * }</pre>
 *
 * <p>For a registry the first of these that has a login wins: the {@code credHelpers} helper named for it, the
 * {@code credsStore} helper (Docker's file only; Podman has none), the {@code auths} entry. An empty {@code auths}
 * entry, which Docker writes when a helper holds the secret, is no login. An {@code identitytoken} is returned as
 * {@link Credential#IDENTITY_TOKEN_USER} with the token as secret.
 *
 * <p>Keys are matched as the tools match them. In Docker's file a key is reduced to its host[:port]: scheme and path
 * are dropped ({@code https://registry.example.com/v1/} is {@code registry.example.com}). In Podman's file only a key
 * with a scheme loses its path; a key such as {@code quay.io/team} is a login for that namespace only and is not used
 * for the whole registry. Host names compare case-insensitively. Docker Hub, which image references call
 * {@code docker.io}, matches the keys {@code https://index.docker.io/v1/} (Docker's own), {@code docker.io},
 * {@code index.docker.io} and {@code registry-1.docker.io}.
 *
 * <p>The file is read at each look-up (it is small; a later {@code docker login} is seen). A missing file has no
 * logins; a file that cannot be parsed fails with an {@link IOException} naming it and what is wrong, never quoting
 * its text.
 */
public final class DockerConfigCredentials implements CredentialProvider {
    /** Docker Hub's name in image references. */
    public static final String DOCKER_HUB = "docker.io";

    /** The server URL the Docker CLI uses for Docker Hub: its key in {@code auths} and what helpers are asked. */
    public static final String DOCKER_HUB_SERVER_URL = "https://index.docker.io/v1/";

    /** Docker Hub's host names, its name in image references first. */
    static final List<String> DOCKER_HUB_HOSTS = List.of(DOCKER_HUB, "index.docker.io", "registry-1.docker.io");

    /** Which tool's file: Docker's knows {@code credsStore} and reduces every key to its host. */
    enum Format {
        DOCKER,
        PODMAN
    }

    private final Path file;
    private final ConfigFile config;
    private final Format format;
    private final Map<String, String> env;
    private final Duration helperTimeout;

    DockerConfigCredentials(Path file, Format format, Map<String, String> env, Duration helperTimeout) {
        this.file = file.toAbsolutePath().normalize();
        this.config = new ConfigFile(this.file);
        this.format = format;
        this.env = Map.copyOf(env);
        this.helperTimeout = helperTimeout;
    }

    /**
     * Docker's {@code config.json}: {@code $DOCKER_CONFIG/config.json} when {@code DOCKER_CONFIG} is set, else
     * {@code <home>/.docker/config.json}.
     *
     * @param env the environment (for {@code DOCKER_CONFIG}, and {@code PATH} to find helpers)
     * @param home the user's home directory
     */
    public static DockerConfigCredentials docker(Map<String, String> env, Path home, Duration helperTimeout) {
        return new DockerConfigCredentials(dockerConfigFile(env, home), Format.DOCKER, env, helperTimeout);
    }

    /** Where Docker keeps its config file for this environment and home directory. */
    public static Path dockerConfigFile(Map<String, String> env, Path home) {
        String dir = env.get("DOCKER_CONFIG");
        return (dir != null && !dir.isBlank() ? Path.of(dir) : home.resolve(".docker")).resolve("config.json");
    }

    /** A containers-auth.json(5) file, as Podman, skopeo and buildah write it. */
    static DockerConfigCredentials podman(Path file, Map<String, String> env, Duration helperTimeout) {
        return new DockerConfigCredentials(file, Format.PODMAN, env, helperTimeout);
    }

    /** The file read, absolute. */
    public Path file() {
        return file;
    }

    @Override
    public Credential find(String registry) throws IOException {
        String wanted = canonicalRegistry(registry);
        ObjectNode root = config.read();
        if (root == null) {
            return null;
        }
        String helper = helperFor(root, wanted);
        if (helper != null) {
            Credential found = helper(helper, "credHelpers").get(helperServerUrl(wanted));
            if (found != null) {
                return found;
            }
        }
        if (format == Format.DOCKER) {
            JsonNode store = root.get("credsStore");
            if (store != null && !store.isNull()) {
                if (!store.isTextual()) {
                    throw config.malformed("'credsStore' is not a string");
                }
                if (!store.textValue().isBlank()) {
                    Credential found =
                            helper(store.textValue().strip(), "credsStore").get(helperServerUrl(wanted));
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return fromAuths(root, wanted);
    }

    private CredentialHelper helper(String name, String key) {
        return new CredentialHelper(name, key + " in " + file, env, helperTimeout);
    }

    private String helperFor(ObjectNode root, String wanted) throws IOException {
        ObjectNode helpers = config.object(root, "credHelpers");
        if (helpers == null) {
            return null;
        }
        String found = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = helpers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw config.malformed("credHelpers entry '" + entry.getKey() + "' is not a string");
            }
            String key = normalizeKey(entry.getKey());
            if (wanted.equals(key)
                    && !entry.getValue().textValue().isBlank()
                    && (found == null || exact(entry.getKey(), wanted))) {
                found = entry.getValue().textValue().strip();
            }
        }
        return found;
    }

    private Credential fromAuths(ObjectNode root, String wanted) throws IOException {
        ObjectNode auths = config.object(root, "auths");
        if (auths == null) {
            return null;
        }
        // The key exactly as the registry would be written first, then the other spellings in file order.
        List<Map.Entry<String, JsonNode>> matches = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isObject()) {
                throw config.malformed("auths entry '" + entry.getKey() + "' is not a JSON object");
            }
            if (wanted.equals(normalizeKey(entry.getKey()))) {
                if (exact(entry.getKey(), wanted)) {
                    matches.add(0, entry);
                } else {
                    matches.add(entry);
                }
            }
        }
        String source = format == Format.DOCKER ? file + " auths" : file.toString();
        for (Map.Entry<String, JsonNode> entry : matches) {
            Credential found = AuthEntry.decode(config, entry.getKey(), (ObjectNode) entry.getValue(), source);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * The registry as matched against keys: lower case, Docker Hub's aliases as {@code docker.io}; null (a reference
     * that names no registry) is Docker Hub.
     */
    static String canonicalRegistry(String registry) {
        if (registry == null || registry.isBlank()) {
            return DOCKER_HUB;
        }
        String host = registry.strip().toLowerCase(Locale.ROOT);
        return DOCKER_HUB_HOSTS.contains(host) ? DOCKER_HUB : host;
    }

    /** What a credential helper is asked for a registry: Docker Hub's server URL, else the host[:port]. */
    static String helperServerUrl(String registry) {
        String canonical = canonicalRegistry(registry);
        return canonical.equals(DOCKER_HUB) ? DOCKER_HUB_SERVER_URL : canonical;
    }

    /** A key of this file as the registry it is for, or null for a namespace key of Podman's file. */
    String normalizeKey(String key) {
        String stripped = key.strip();
        String lower = stripped.toLowerCase(Locale.ROOT);
        boolean scheme = false;
        for (String prefix : List.of("https://", "http://")) {
            if (lower.startsWith(prefix)) {
                stripped = stripped.substring(prefix.length());
                scheme = true;
                break;
            }
        }
        int slash = stripped.indexOf('/');
        if (slash >= 0) {
            if (format == Format.PODMAN && !scheme) {
                return null; // quay.io/team: a login for that namespace only
            }
            stripped = stripped.substring(0, slash);
        }
        return stripped.isEmpty() ? null : canonicalRegistry(stripped);
    }

    /** Whether a key is the registry as written (or, for Docker Hub, Docker's server URL), not another spelling. */
    private static boolean exact(String key, String wanted) {
        String stripped = key.strip();
        return stripped.equalsIgnoreCase(wanted)
                || wanted.equals(DOCKER_HUB) && stripped.equalsIgnoreCase(DOCKER_HUB_SERVER_URL);
    }

    @Override
    public String toString() {
        return "DockerConfigCredentials[" + file + "]";
    }
}
