package io.github.dockerlayer.registry.credentials;

import static io.github.dockerlayer.registry.credentials.FakeHelpers.answering;
import static io.github.dockerlayer.registry.credentials.FakeHelpers.base64;
import static io.github.dockerlayer.registry.credentials.FakeHelpers.env;
import static io.github.dockerlayer.registry.credentials.FakeHelpers.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class PodmanAuthFileTest {
    @TempDir
    Path temp;

    private static String auths(String registry, String user) {
        return "{\"auths\": {\"" + registry + "\": {\"auth\": \"" + base64(user + ":pw") + "\"}}}";
    }

    @Test
    void paths() {
        Path home = Path.of("/home/me");
        assertEquals(
                List.of(
                        Path.of("/run/user/1000/containers/auth.json"),
                        Path.of("/home/me/.config/containers/auth.json")),
                PodmanAuthFile.paths(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), home));
        assertEquals(List.of(Path.of("/home/me/.config/containers/auth.json")), PodmanAuthFile.paths(Map.of(), home));
        assertEquals(
                List.of(Path.of("/xdg/containers/auth.json")),
                PodmanAuthFile.paths(Map.of("XDG_CONFIG_HOME", "/xdg"), home));
        assertEquals(
                List.of(Path.of("/ci/auth.json")),
                PodmanAuthFile.paths(
                        Map.of("REGISTRY_AUTH_FILE", "/ci/auth.json", "XDG_RUNTIME_DIR", "/run/user/1000"), home));
    }

    @Test
    void runtimeFileFirstThenConfigHome() throws IOException {
        Path home = temp.resolve("home");
        Path runtime = temp.resolve("run");
        write(runtime.resolve("containers/auth.json"), auths("quay.io", "runtime"));
        write(
                home.resolve(".config/containers/auth.json"),
                "{\"auths\": {\"quay.io\": {\"auth\": \"" + base64("config:pw") + "\"}," + " \"ghcr.io\": {\"auth\": \""
                        + base64("config:pw") + "\"}}}");
        PodmanAuthFile podman = PodmanAuthFile.of(
                Map.of("XDG_RUNTIME_DIR", runtime.toString()), home, CredentialHelper.DEFAULT_TIMEOUT);
        Credential quay = podman.find("quay.io");
        assertEquals("runtime", quay.username());
        assertEquals(runtime.resolve("containers/auth.json").toAbsolutePath().toString(), quay.source());
        // A registry the first file does not have is looked for in the next, as containers-auth.json(5) says.
        Credential ghcr = podman.find("ghcr.io");
        assertEquals("config", ghcr.username());
        assertEquals(
                home.resolve(".config/containers/auth.json").toAbsolutePath().toString(), ghcr.source());
        assertNull(podman.find("registry.example.com"));
    }

    @Test
    void registryAuthFileIsTheOnlyFile() throws IOException {
        Path home = temp.resolve("home");
        Path override = write(temp.resolve("ci-auth.json"), auths("quay.io", "override"));
        write(home.resolve(".config/containers/auth.json"), auths("ghcr.io", "config"));
        PodmanAuthFile podman = PodmanAuthFile.of(
                Map.of("REGISTRY_AUTH_FILE", override.toString()), home, CredentialHelper.DEFAULT_TIMEOUT);
        assertEquals("override", podman.find("quay.io").username());
        assertNull(podman.find("ghcr.io"));
    }

    @Test
    void dockerHubAsPodmanWritesIt() throws IOException {
        Path home = temp.resolve("home");
        write(home.resolve(".config/containers/auth.json"), auths("docker.io", "hub"));
        assertEquals(
                "hub",
                PodmanAuthFile.of(Map.of(), home, CredentialHelper.DEFAULT_TIMEOUT)
                        .find("docker.io")
                        .username());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void credHelpersInAuthJson() throws IOException {
        Path home = temp.resolve("home");
        Path bin = temp.resolve("bin");
        answering(bin, "secretservice", "registry.example.com", "fromhelper", "x");
        Path file = write(
                home.resolve(".config/containers/auth.json"),
                "{\"auths\": {\"localhost:5001\": {}}, \"credHelpers\": {\"registry.example.com\": \"secretservice\"}}");
        Credential credential = PodmanAuthFile.of(env(bin), home, CredentialHelper.DEFAULT_TIMEOUT)
                .find("registry.example.com");
        assertEquals("fromhelper", credential.username());
        assertEquals(
                "docker-credential-secretservice (credHelpers in " + file.toAbsolutePath() + ")", credential.source());
    }
}
