package io.github.dockerlayer.registry.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Docker credential helper, {@code docker-credential-<name>}, asked the way the Docker CLI asks it: {@code get} as
 * the only argument, the server URL on standard input, and on success (exit code 0) a JSON object
 * {@code {"ServerURL": ..., "Username": ..., "Secret": ...}} on standard output. A helper that knows no login for the
 * server exits with code 1 and says {@code credentials not found in native keychain} (helpers print their errors on
 * standard output, some on standard error): that is a miss, not a failure.
 *
 * <p>The program is looked up on the {@code PATH} of the environment given, not of this JVM, and runs with that
 * environment. Error messages name the helper, the file that configured it, and quote what the helper printed on
 * standard error (and, after a failing exit, on standard output, where helpers put their error text); they never
 * quote the output of a successful run, which holds the secret.
 */
public final class CredentialHelper {
    /** How long a helper may take before it is killed: long enough for a keychain prompt or a cloud token exchange. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final String PREFIX = "docker-credential-";
    private static final String NOT_FOUND = "credentials not found";
    private static final int MAX_QUOTED = 500;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;
    private final String configuredBy;
    private final Map<String, String> env;
    private final Duration timeout;

    /**
     * @param name the helper's suffix as config files write it, e.g. {@code pass} for {@code docker-credential-pass}
     * @param configuredBy what names it, for messages, e.g. {@code credsStore in /root/.docker/config.json}
     * @param env the environment to find the program in ({@code PATH}) and to run it with
     * @param timeout how long it may run
     */
    public CredentialHelper(String name, String configuredBy, Map<String, String> env, Duration timeout) {
        this.name = name;
        this.configuredBy = configuredBy;
        this.env = Map.copyOf(env);
        this.timeout = timeout;
    }

    /** The program's name, {@code docker-credential-<name>}. */
    public String program() {
        return PREFIX + name;
    }

    /** Where the credentials it returns come from: {@code docker-credential-pass (credsStore in /root/.docker/config.json)}. */
    public String source() {
        return program() + " (" + configuredBy + ")";
    }

    /**
     * The login the helper holds for {@code serverUrl}, or null when it has none.
     *
     * @param serverUrl what the helper is asked for: {@code https://index.docker.io/v1/} for Docker Hub, else the
     *     registry's host[:port]
     * @throws IOException when the helper cannot be found or run, fails, takes longer than the timeout, or answers
     *     something that is not a login
     */
    public Credential get(String serverUrl) throws IOException {
        Path executable = locate();
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(executable.toString(), "get");
            builder.environment().clear();
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw new IOException(source() + " could not be started: " + e.getMessage(), e);
        }
        StreamCollector stdout = new StreamCollector(process.getInputStream());
        StreamCollector stderr = new StreamCollector(process.getErrorStream());
        stdout.start();
        stderr.start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(serverUrl.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // The helper exited without reading its input; its exit code and output tell why.
        }
        int exit;
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new IOException(source() + " did not answer for " + serverUrl + " within " + seconds(timeout)
                        + " and was stopped" + quoted("standard error", stderr.text()));
            }
            exit = process.exitValue();
            // A program the helper started may keep the pipes open after it exited: do not wait for that forever.
            stdout.join(timeout.toMillis());
            stderr.join(timeout.toMillis());
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + source(), e);
        }
        String err = stderr.text();
        if (exit != 0) {
            String out = stdout.text();
            if (exit == 1 && (contains(out, NOT_FOUND) || contains(err, NOT_FOUND))) {
                return null;
            }
            throw new IOException(source() + " failed for " + serverUrl + " with exit code " + exit
                    + quoted("standard output", out) + quoted("standard error", err));
        }
        return parse(stdout.bytes(), serverUrl, err);
    }

    private Credential parse(byte[] out, String serverUrl, String err) throws IOException {
        JsonNode answer;
        try {
            answer = MAPPER.readTree(out);
        } catch (IOException e) {
            answer = null; // Jackson's message quotes the text, which may hold the secret
        }
        if (answer == null || !answer.isObject()) {
            throw new IOException(source() + " answered for " + serverUrl + " with something that is not a JSON object"
                    + quoted("standard error", err));
        }
        JsonNode username = answer.get("Username");
        JsonNode secret = answer.get("Secret");
        if (username == null
                || !username.isTextual()
                || secret == null
                || !secret.isTextual()
                || secret.textValue().isEmpty()) {
            throw new IOException(source() + " answered for " + serverUrl
                    + " without a text Username and a non-empty text Secret" + quoted("standard error", err));
        }
        return new Credential(username.textValue(), secret.textValue(), source());
    }

    /** The helper program on the environment's PATH. */
    private Path locate() throws IOException {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.contains(File.pathSeparator)) {
            throw new IOException(source() + ": '" + name + "' is not a credential helper name");
        }
        Path found = ProgramPath.find(program(), env);
        if (found != null) {
            return found;
        }
        throw new IOException(source() + " is not on the PATH: install it, or remove '" + name + "' from that file"
                + " to use the logins written in it (or none)");
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static boolean contains(String text, String what) {
        return text.toLowerCase(Locale.ROOT).contains(what);
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String quoted(String stream, String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return "";
        }
        if (trimmed.length() > MAX_QUOTED) {
            trimmed = trimmed.substring(0, MAX_QUOTED) + "…";
        }
        return "; its " + stream + ": " + trimmed;
    }
}
