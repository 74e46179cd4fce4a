package io.github.dockerlayer.registry.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Test fixtures: fake {@code docker-credential-*} shell scripts and config files. */
final class FakeHelpers {
    private FakeHelpers() {}

    /**
     * Writes {@code bin/docker-credential-<name>} running {@code body} under {@code /bin/sh}, after reading the server
     * URL from stdin into {@code $url} and appending it to {@code bin/<name>.asked}.
     */
    static Path helper(Path bin, String name, String body) throws IOException {
        Files.createDirectories(bin);
        Path script = bin.resolve("docker-credential-" + name);
        String asked = bin.resolve(name + ".asked").toString();
        Files.writeString(
                script,
                "#!/bin/sh\n"
                        + "[ \"$1\" = get ] || { echo \"unexpected arguments: $*\" >&2; exit 3; }\n"
                        + "IFS= read -r url\n"
                        + "printf '%s\\n' \"$url\" >> '" + asked + "'\n"
                        + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** A helper that answers {@code user}/{@code secret} for {@code server} and "not found" (exit 1) for others. */
    static Path answering(Path bin, String name, String server, String user, String secret) throws IOException {
        return helper(
                bin,
                name,
                "if [ \"$url\" = '" + server + "' ]; then\n"
                        + "  printf '{\"ServerURL\":\"%s\",\"Username\":\"" + user + "\",\"Secret\":\"" + secret
                        + "\"}\\n' \"$url\"\n"
                        + "else\n"
                        + "  echo 'credentials not found in native keychain'\n"
                        + "  exit 1\n"
                        + "fi");
    }

    /** The server URLs a helper was asked for, one a line, or "" when it never ran. */
    static String asked(Path bin, String name) throws IOException {
        Path file = bin.resolve(name + ".asked");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** An environment whose PATH is {@code bin} then the system's directories (for sleep). */
    static Map<String, String> env(Path bin, String... more) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", bin + ":/usr/bin:/bin");
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
