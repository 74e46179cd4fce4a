package io.github.dockerlayer.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.log.RecordingLog;
import io.github.dockerlayer.maven.MavenWording;
import io.github.dockerlayer.registry.credentials.CredentialProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class RegistrySchemeTest {

    @Test
    void loopbackHostsAreRecognisedWithoutLookingNamesUp() {
        for (String host : new String[] {"localhost", "127.0.0.1", "127.9.8.7", "[::1]", "::1", "registry.localhost"}) {
            assertTrue(SchemeProbe.isLoopback(host), host);
        }
        for (String host : new String[] {"example.com", "10.0.0.1", "127.0.0.1.nip.io", "[::2]", "", "128.0.0.1"}) {
            assertFalse(SchemeProbe.isLoopback(host), host);
        }
    }

    @Test
    void dockerHubHasOneName() {
        for (String name : new String[] {"docker.io", "index.docker.io"}) {
            try (RegistryClient client = RegistryClient.create(
                    name,
                    CredentialProvider.ANONYMOUS,
                    RegistryClient.Settings.defaults(),
                    RecordingLog.withLevels())) {
                assertEquals("docker.io", client.registry(), "the name credentials are looked up by");
                assertEquals("anonymous", client.credentialSource());
            }
        }
    }

    @Test
    void aLoopbackRegistryIsAskedOverPlainHttpFirst() throws IOException {
        RecordingLog log = RecordingLog.withLevels();
        try (FakeRegistry fake = new FakeRegistry()) {
            fake.handle(
                    call -> call.header("Content-Type", MediaType.OCI_MANIFEST).respond(200, "{}"));
            RegistryClient.Settings settings =
                    new RegistryClient.Settings(false, Duration.ofSeconds(5), Duration.ofSeconds(20), 2, null, null);
            RegistryClient.Tuning tuning = new RegistryClient.Tuning(
                    Duration.ofMillis(10), RegistryClient.MONOLITHIC_LIMIT, RegistryClient.DEFAULT_CHUNK, false, true);
            try (RegistryClient client =
                    RegistryClient.create(fake.address(), CredentialProvider.ANONYMOUS, settings, log, tuning)) {
                client.getManifest("a/b", "1");
                client.getManifest("a/b", "2");
            }
            assertTrue(log.all().contains(fake.address() + " answers plain http (a loopback address)"), log.all());
            assertFalse(log.all().contains("https with"), "no TLS attempt with a loopback http registry: " + log.all());
            assertEquals(
                    1, fake.seen.stream().filter(s -> s.path().equals("/v2/")).count(), "decided once");
            assertEquals(2, fake.count("GET"));
        }
    }

    @Test
    void aLoopbackPortRefusingPlainHttpIsTriedWithTlsToo() throws IOException {
        // answers anything with 400 and closes, as a TLS server answers plain http (Go: "Client sent an HTTP request
        // to an HTTPS server"); TLS then fails too, so the error is about TLS, after both were tried
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            java.util.List<String> firstBytes = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            Thread acceptor = answerAll400(server, firstBytes);
            String registry = "127.0.0.1:" + server.getLocalPort();
            RecordingLog log = RecordingLog.withLevels();
            try (RegistryClient client = RegistryClient.create(
                    registry,
                    CredentialProvider.ANONYMOUS,
                    new RegistryClient.Settings(false, Duration.ofSeconds(5), Duration.ofSeconds(5), 1, null, null),
                    log)) {
                RegistryException e = assertThrows(RegistryException.class, () -> client.getManifest("a/b", "1"));
                assertTrue(e.getMessage().contains("TLS with " + registry + " failed"), e.getMessage());
            }
            assertTrue(log.all().contains(registry + " answered plain http with 400; trying https"), log.all());
            assertTrue(firstBytes.stream().anyMatch(b -> b.startsWith("GET /v2/ ")), "plain http asked: " + firstBytes);
            assertTrue(firstBytes.stream().anyMatch(b -> b.startsWith("\u0016")), "a TLS hello sent: " + firstBytes);
            acceptor.interrupt();
        }
    }

    /** Reads a request's first bytes, answers 400 and closes, for every connection. */
    private static Thread answerAll400(ServerSocket server, java.util.List<String> firstBytes) {
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept();
                        OutputStream out = s.getOutputStream()) {
                    byte[] buffer = new byte[4096];
                    int n = s.getInputStream().read(buffer);
                    firstBytes.add(new String(buffer, 0, Math.max(n, 0), StandardCharsets.ISO_8859_1));
                    out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return acceptor;
    }

    @Test
    void aRemotePlainHttpRegistryNeedsAllowInsecure() throws IOException {
        InetAddress address = nonLoopbackAddress();
        assumeTrue(address != null, "no non-loopback address on this machine");
        // answers anything, TLS hellos included, like a plain http server does: 400 and close
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(address, 0));
            answerAll400(server, java.util.Collections.synchronizedList(new java.util.ArrayList<>()));
            String registry = address.getHostAddress() + ":" + server.getLocalPort();
            try (RegistryClient client = RegistryClient.create(
                    registry,
                    CredentialProvider.ANONYMOUS,
                    new RegistryClient.Settings(false, Duration.ofSeconds(5), Duration.ofSeconds(5), 3, null, null),
                    RecordingLog.withLevels())) {
                RegistryException e = assertThrows(RegistryException.class, () -> client.getManifest("a/b", "1"));
                assertEquals(RegistryException.Kind.UNAVAILABLE, e.kind());
                assertTrue(
                        MavenWording.phrase(e.getMessage()) // what the user reads: the plugin layer adds the property
                                .contains("set <allowInsecureRegistries> (property"
                                        + " docker-layer.allowInsecureRegistries)"),
                        e.getMessage());
            }
        }
    }

    private static InetAddress nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return a;
                    }
                }
            }
        }
        return null;
    }
}
