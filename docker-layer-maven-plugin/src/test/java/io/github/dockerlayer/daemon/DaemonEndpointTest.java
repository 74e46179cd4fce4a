package io.github.dockerlayer.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.image.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonEndpointTest {
    @TempDir
    Path home;

    private Path context(Path config, String name, String host) throws IOException {
        Path dir = config.resolve("contexts/meta")
                .resolve(Digest.sha256(name.getBytes(StandardCharsets.UTF_8)).hex());
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("meta.json"),
                "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"" + host
                        + "\",\"SkipTLSVerify\":false}}}");
        return dir;
    }

    @Test
    void nothingSetMeansTheDefaultSocket() throws IOException {
        DaemonEndpoint endpoint = DaemonEndpoint.resolve(Map.of(), home);
        assertEquals("unix:///var/run/docker.sock", endpoint.host().toString());
        assertEquals("the default socket", endpoint.source());
        assertNull(endpoint.certPath());
        assertEquals("/var/run/docker.sock (the default socket)", endpoint.describe());
    }

    @Test
    void dockerHostWinsOverContexts() throws IOException {
        Path config = home.resolve(".docker");
        context(config, "remote", "tcp://10.0.0.1:2376");
        Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"remote\"}");
        DaemonEndpoint endpoint =
                DaemonEndpoint.resolve(Map.of("DOCKER_HOST", "unix:///tmp/x.sock", "DOCKER_CONTEXT", "remote"), home);
        assertEquals("unix:///tmp/x.sock", endpoint.host().toString());
        assertEquals("DOCKER_HOST", endpoint.source());
    }

    @Test
    void dockerContextThenTheCurrentContextOfDockerConfig() throws IOException {
        Path config = home.resolve("elsewhere");
        context(config, "ci", "unix:///run/ci.sock");
        context(config, "desk", "unix:///run/desk.sock");
        Files.writeString(config.resolve("config.json"), "{\"auths\":{},\"currentContext\":\"desk\"}");
        Map<String, String> env = Map.of("DOCKER_CONFIG", config.toString());
        DaemonEndpoint current = DaemonEndpoint.resolve(env, home);
        assertEquals("unix:///run/desk.sock", current.host().toString());
        assertTrue(
                current.source().contains("'desk'") && current.source().contains("currentContext"), current.source());
        DaemonEndpoint named =
                DaemonEndpoint.resolve(Map.of("DOCKER_CONFIG", config.toString(), "DOCKER_CONTEXT", "ci"), home);
        assertEquals("unix:///run/ci.sock", named.host().toString());
        assertEquals("context 'ci' (DOCKER_CONTEXT)", named.source());
        assertEquals(
                "unix:///var/run/docker.sock",
                DaemonEndpoint.resolve(Map.of("DOCKER_CONFIG", config.toString(), "DOCKER_CONTEXT", "default"), home)
                        .host()
                        .toString());
    }

    @Test
    void aContextsTlsFilesAreUsed() throws IOException {
        Path config = home.resolve(".docker");
        context(config, "tls", "tcp://10.0.0.2:2376");
        Path tls = config.resolve("contexts/tls")
                .resolve(Digest.sha256("tls".getBytes(StandardCharsets.UTF_8)).hex())
                .resolve("docker");
        Files.createDirectories(tls);
        assertEquals(
                tls,
                DaemonEndpoint.resolve(Map.of("DOCKER_CONTEXT", "tls"), home).certPath());
    }

    @Test
    void tlsVerifyTakesTheCertPathOrDockerConfig() throws IOException {
        DaemonEndpoint withPath = DaemonEndpoint.resolve(
                Map.of("DOCKER_HOST", "tcp://h:2376", "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/certs"), home);
        assertEquals(Path.of("/certs"), withPath.certPath());
        assertEquals(
                home.resolve(".docker"),
                DaemonEndpoint.resolve(Map.of("DOCKER_HOST", "tcp://h:2376", "DOCKER_TLS_VERIFY", "1"), home)
                        .certPath());
        assertNull(DaemonEndpoint.resolve(Map.of("DOCKER_HOST", "tcp://h:2375", "DOCKER_TLS_VERIFY", "0"), home)
                .certPath());
        assertNull(DaemonEndpoint.resolve(Map.of("DOCKER_HOST", "tcp://h:2375", "DOCKER_TLS_VERIFY", ""), home)
                .certPath());
    }

    @Test
    void aMissingContextOrAnUnknownSchemeFailsSayingHowToChoose() {
        IOException missing =
                assertThrows(IOException.class, () -> DaemonEndpoint.resolve(Map.of("DOCKER_CONTEXT", "gone"), home));
        assertTrue(
                missing.getMessage().contains("'gone'") && missing.getMessage().contains("DOCKER_HOST"),
                missing.getMessage());
        IOException ssh = assertThrows(
                IOException.class, () -> DaemonEndpoint.resolve(Map.of("DOCKER_HOST", "ssh://me@host"), home));
        assertTrue(ssh.getMessage().contains("ssh://"), ssh.getMessage());
    }
}
