package io.github.dockerlayer.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which Docker daemon to talk to, found as the {@code docker} CLI finds it: {@code DOCKER_HOST}, else the context
 * {@code DOCKER_CONTEXT} names, else the {@code currentContext} of {@code $DOCKER_CONFIG/config.json} (default
 * {@code ~/.docker}), else the default socket. TLS from {@code DOCKER_TLS_VERIFY} / {@code DOCKER_CERT_PATH}, or the
 * context's own certificates.
 *
 * @param host the daemon's address: {@code unix:///var/run/docker.sock}, {@code tcp://host:2376}
 * @param certPath the directory with {@code ca.pem}, {@code cert.pem}, {@code key.pem} when TLS is verified, else null
 * @param source how it was chosen, for messages ("DOCKER_HOST", "context 'x' (DOCKER_CONTEXT)", "the default socket")
 */
public record DaemonEndpoint(URI host, Path certPath, String source) {
    /** Where the daemon listens when nothing says otherwise. */
    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    /** How to point the plugin at another daemon, for messages. */
    public static final String HOW_TO_CHOOSE = "set DOCKER_HOST (e.g. unix:///run/user/1000/docker.sock or"
            + " tcp://host:2376 with DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH), or choose a context with DOCKER_CONTEXT"
            + " or 'docker context use NAME'";

    /** The endpoint of this process's environment. */
    public static DaemonEndpoint fromEnvironment() throws IOException {
        return resolve(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * The endpoint {@code env} names; {@code home} is the user's home directory (for {@code ~/.docker}).
     *
     * @throws IOException when a context is named that does not exist, or its metadata cannot be read
     */
    public static DaemonEndpoint resolve(Map<String, String> env, Path home) throws IOException {
        Path config = nonBlank(env.get("DOCKER_CONFIG")) != null
                ? Path.of(env.get("DOCKER_CONFIG"))
                : home.resolve(".docker");
        Path envCerts = nonBlank(env.get("DOCKER_CERT_PATH")) != null ? Path.of(env.get("DOCKER_CERT_PATH")) : config;
        boolean tlsVerify = isTrue(env.get("DOCKER_TLS_VERIFY"));
        String dockerHost = nonBlank(env.get("DOCKER_HOST"));
        if (dockerHost != null) { // as the CLI: DOCKER_HOST wins over DOCKER_CONTEXT and the current context
            return new DaemonEndpoint(parseHost(dockerHost, "DOCKER_HOST"), tlsVerify ? envCerts : null, "DOCKER_HOST");
        }
        String context = nonBlank(env.get("DOCKER_CONTEXT"));
        String contextSource = "DOCKER_CONTEXT";
        if (context == null) {
            context = currentContext(config.resolve("config.json"));
            contextSource = "currentContext in " + config.resolve("config.json");
        }
        if (context != null && !context.equals("default")) {
            return ofContext(config, context, contextSource);
        }
        return new DaemonEndpoint(URI.create(DEFAULT_HOST), tlsVerify ? envCerts : null, "the default socket");
    }

    private static DaemonEndpoint ofContext(Path config, String context, String contextSource) throws IOException {
        String hash = Digest.sha256(context.getBytes(StandardCharsets.UTF_8)).hex();
        Path meta = config.resolve("contexts").resolve("meta").resolve(hash).resolve("meta.json");
        if (!Files.isRegularFile(meta)) {
            throw new IOException(
                    "the Docker context '" + context + "' (" + contextSource + ") does not exist: there is no " + meta
                            + ". List the contexts with 'docker context ls', or " + HOW_TO_CHOOSE + ".");
        }
        JsonNode endpoint =
                Json.MAPPER.readTree(meta.toFile()).path("Endpoints").path("docker");
        String host = nonBlank(endpoint.path("Host").asText(null));
        if (host == null) {
            throw new IOException("the Docker context '" + context + "' (" + meta + ") names no docker endpoint Host.");
        }
        Path tls = config.resolve("contexts").resolve("tls").resolve(hash).resolve("docker");
        boolean verify =
                Files.isDirectory(tls) && !endpoint.path("SkipTLSVerify").asBoolean(false);
        String source = "context '" + context + "' (" + contextSource + ")";
        return new DaemonEndpoint(parseHost(host, source), verify ? tls : null, source);
    }

    private static String currentContext(Path configJson) throws IOException {
        if (!Files.isRegularFile(configJson)) {
            return null;
        }
        try {
            return nonBlank(Json.MAPPER
                    .readTree(configJson.toFile())
                    .path("currentContext")
                    .asText(null));
        } catch (IOException e) {
            throw new IOException(configJson + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static URI parseHost(String host, String source) throws IOException {
        URI uri;
        try {
            uri = URI.create(host.trim());
        } catch (IllegalArgumentException e) {
            throw new IOException(
                    source + " '" + host + "' is not a daemon address: " + e.getMessage() + "; " + HOW_TO_CHOOSE + ".");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("unix") || scheme.equals("tcp") || scheme.equals("npipe"))) {
            throw new IOException(
                    source + " '" + host + "' is not a daemon address this plugin can reach (it knows unix://,"
                            + " tcp:// and npipe://; ssh:// is not supported): " + HOW_TO_CHOOSE + ".");
        }
        return uri;
    }

    private static boolean isTrue(String value) {
        return value != null
                && !value.isBlank()
                && !value.trim().equals("0")
                && !value.trim().equalsIgnoreCase("false");
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The socket file for unix endpoints, else the address: what the messages name. */
    public String describe() {
        String where = host.getScheme().equals("unix") ? host.getPath() : host.toString();
        return where + " (" + source + (certPath != null ? ", TLS with " + certPath : "") + ")";
    }
}
