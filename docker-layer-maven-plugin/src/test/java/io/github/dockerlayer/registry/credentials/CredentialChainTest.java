package io.github.dockerlayer.registry.credentials;

import static io.github.dockerlayer.registry.credentials.FakeHelpers.answering;
import static io.github.dockerlayer.registry.credentials.FakeHelpers.base64;
import static io.github.dockerlayer.registry.credentials.FakeHelpers.helper;
import static io.github.dockerlayer.registry.credentials.FakeHelpers.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class CredentialChainTest {
    private static final String SERVER_SOURCE = "settings.xml <server> '127.0.0.1:5001'";

    @TempDir
    Path temp;

    private Path home() {
        return temp.resolve("home");
    }

    private Path dockerConfig() {
        return home().resolve(".docker/config.json");
    }

    private Path podmanFile() {
        return temp.resolve("run/containers/auth.json");
    }

    private Map<String, String> env() {
        return FakeHelpers.env(
                temp.resolve("bin"), "XDG_RUNTIME_DIR", temp.resolve("run").toString());
    }

    private static String auths(String registry, String user) {
        return "{\"auths\": {\"" + registry + "\": {\"auth\": \"" + base64(user + ":pw-of-" + user) + "\"}}}";
    }

    private CredentialChain chain(Map<String, Credential> servers) {
        return CredentialChain.standard(servers, env(), home());
    }

    @Test
    void firstFoundWins() throws IOException {
        List<String> asked = new ArrayList<>();
        CredentialProvider none = registry -> {
            asked.add("none:" + registry);
            return null;
        };
        CredentialProvider first = registry -> {
            asked.add("first:" + registry);
            return new Credential("a", "s", "first");
        };
        CredentialProvider never = registry -> {
            throw new AssertionError("asked after a login was found");
        };
        assertEquals(
                "first",
                new CredentialChain(List.of(none, first, never))
                        .find("r.example")
                        .source());
        assertEquals(List.of("none:r.example", "first:r.example"), asked);
        assertNull(new CredentialChain(List.of(none, none)).find("r.example"));
    }

    @Test
    void nothingAnywhereIsAnonymous() throws IOException {
        assertNull(chain(Map.of()).find("registry.example.com"));
        assertNull(chain(Map.of()).find("docker.io"));
    }

    @Test
    void settingsServerBeatsDockerConfig() throws IOException {
        write(dockerConfig(), auths("127.0.0.1:5001", "docker"));
        write(podmanFile(), auths("127.0.0.1:5001", "podman"));
        Credential server = new Credential("maven", "pw", SERVER_SOURCE);
        assertEquals(server, chain(Map.of("127.0.0.1:5001", server)).find("127.0.0.1:5001"));
    }

    @Test
    void settingsServerIdMustMatchTheRegistryAsWritten() throws IOException {
        write(dockerConfig(), auths("127.0.0.1:5001", "docker"));
        Credential server = new Credential("maven", "pw", "settings.xml <server> '127.0.0.1'");
        // The id without the port is another registry: Docker's login for the port is used.
        Credential found = chain(Map.of("127.0.0.1", server)).find("127.0.0.1:5001");
        assertEquals("docker", found.username());
        assertEquals(dockerConfig().toAbsolutePath() + " auths", found.source());
    }

    @Test
    void settingsServerForDockerHubByAnyOfItsNames() throws IOException {
        Credential server = new Credential("maven", "pw", "settings.xml <server> 'index.docker.io'");
        assertEquals(server, chain(Map.of("index.docker.io", server)).find("docker.io"));
        Credential exact = new Credential("exact", "pw", "settings.xml <server> 'docker.io'");
        assertEquals(
                exact,
                chain(Map.of("index.docker.io", server, "docker.io", exact)).find("docker.io"));
        assertNull(chain(Map.of("index.docker.io", server)).find("quay.io"));
    }

    @Test
    void dockerConfigBeatsPodman() throws IOException {
        write(dockerConfig(), auths("quay.io", "docker"));
        write(podmanFile(), auths("quay.io", "podman"));
        assertEquals("docker", chain(Map.of()).find("quay.io").username());
    }

    @Test
    void podmanOnlyWhenDockerHasNothing() throws IOException {
        write(dockerConfig(), "{\"auths\": {\"quay.io\": {}, \"ghcr.io\": {\"auth\": \"" + base64("d:x") + "\"}}}");
        write(podmanFile(), auths("quay.io", "podman"));
        Credential found = chain(Map.of()).find("quay.io");
        assertEquals("podman", found.username());
        assertEquals(podmanFile().toAbsolutePath().toString(), found.source());
        assertEquals("d", chain(Map.of()).find("ghcr.io").username());
    }

    @Test
    void podmanWhenThereIsNoDockerConfig() throws IOException {
        write(podmanFile(), auths("quay.io", "podman"));
        assertEquals("podman", chain(Map.of()).find("quay.io").username());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void credsStoreSourceNamesHelperAndFile() throws IOException {
        answering(temp.resolve("bin"), "pass", "registry.example.com", "alice", "hunter2");
        write(dockerConfig(), "{\"auths\": {\"registry.example.com\": {}}, \"credsStore\": \"pass\"}");
        Credential found = chain(Map.of()).find("registry.example.com");
        assertEquals(
                new Credential(
                        "alice",
                        "hunter2",
                        "docker-credential-pass (credsStore in "
                                + dockerConfig().toAbsolutePath() + ")"),
                found);
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void slowHelperWithAShortTimeout() throws IOException {
        helper(temp.resolve("bin"), "slow", "sleep 20");
        write(dockerConfig(), "{\"credsStore\": \"slow\"}");
        CredentialChain chain = CredentialChain.standard(Map.of(), env(), home(), Duration.ofMillis(200));
        IOException e = assertThrows(IOException.class, () -> chain.find("registry.example.com"));
        assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
    }

    @Test
    void brokenDockerConfigStopsTheSearch() throws IOException {
        write(dockerConfig(), "{\"auths\": ");
        write(podmanFile(), auths("quay.io", "podman"));
        IOException e = assertThrows(IOException.class, () -> chain(Map.of()).find("quay.io"));
        assertTrue(e.getMessage().startsWith(dockerConfig().toAbsolutePath().toString()), e.getMessage());
    }

    @Test
    void noSecretInToStringOrSource() throws IOException {
        write(dockerConfig(), auths("quay.io", "docker"));
        Credential found = chain(Map.of()).find("quay.io");
        assertEquals("pw-of-docker", found.secret());
        assertFalse(found.toString().contains("pw-of-docker"), found.toString());
        assertFalse(found.source().contains("pw-of-docker"), found.source());
    }
}
