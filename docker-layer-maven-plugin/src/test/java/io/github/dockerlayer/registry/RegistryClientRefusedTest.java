package io.github.dockerlayer.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.log.RecordingLog;
import io.github.dockerlayer.registry.credentials.CredentialProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry address nothing listens on: a few quick attempts (a registry restarting gets its moment), then one
 * message naming the registry once, and no attempt again for the rest of the build. Attempts are counted by the
 * client's debug line per request sent, never timed.
 */
class RegistryClientRefusedTest {
    private static final String REFUSED = "-> connection refused";

    @TempDir
    Path temp;

    private final RecordingLog log = RecordingLog.withLevels();

    /** A loopback port nothing listens on (bound, then released). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** As production makes it (https first, loopback asked over http first), with quick waits and 5 attempts. */
    private static RegistryClient client(String registry, RecordingLog log) {
        RegistryClient.Settings settings =
                new RegistryClient.Settings(false, Duration.ofSeconds(5), Duration.ofSeconds(20), 5, null, null);
        RegistryClient.Tuning tuning = new RegistryClient.Tuning(
                Duration.ofMillis(10), RegistryClient.MONOLITHIC_LIMIT, RegistryClient.DEFAULT_CHUNK, false, true);
        return RegistryClient.create(registry, CredentialProvider.ANONYMOUS, settings, log, tuning);
    }

    private long attempts() {
        synchronized (log.lines()) {
            return log.lines().stream().filter(line -> line.contains(REFUSED)).count();
        }
    }

    /** The message Maven prints for a failure: each cause's message appended unless the text holds it already. */
    private static String asMavenSaysIt(Throwable failure) {
        String full = "";
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            String text = t.getMessage() == null || t.getMessage().isEmpty()
                    ? t.getClass().getSimpleName()
                    : t.getMessage();
            if (!full.contains(text)) {
                full = full.isEmpty() ? text : full + ": " + text;
            }
        }
        return full;
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aRefusedConnectionIsTriedBrieflyThenFailsWithOneMessage() throws IOException {
        String registry = "127.0.0.1:" + freePort();
        try (RegistryClient client = client(registry, log)) {
            RegistryException e = assertThrows(RegistryException.class, () -> client.getManifest("team/app", "1"));
            assertEquals(RegistryException.Kind.UNAVAILABLE, e.kind());
            String said = asMavenSaysIt(e);
            assertEquals(1, occurrences(said, "nothing answers at " + registry), said);
            assertEquals(1, occurrences(said, "connection refused"), said);
            assertTrue(
                    said.contains("check the registry host and port in the image reference, and that the registry"
                            + " is running"),
                    said);
            assertTrue(said.endsWith("(GET http://" + registry + "/v2/)"), said);
            assertTrue(!said.contains("times in a row") && !said.contains("ConnectException"), said);
            long attempts = attempts();
            assertTrue(attempts >= 2 && attempts <= 4, attempts + " attempts:\n" + log.all());
            assertTrue(log.all().lines().noneMatch(line -> line.startsWith("INFO ")), "no info chatter:\n" + log.all());
        }
    }

    @Test
    void aRefusalIsRememberedSoTheNextUseInTheBuildFailsAtOnce() throws IOException {
        String registry = "127.0.0.1:" + freePort();
        // the build's clients, one per registry, shared by its goals and modules
        try (Registries registries = new Registries(host -> client(host, log), temp.resolve("cache"), false, log)) {
            RegistryException first = assertThrows(
                    RegistryException.class, () -> registries.client(registry).headManifest("team/app-base", "1"));
            log.lines().clear();
            // the next module: its push asks for blobs, uploads and manifests
            RegistryClient next = registries.client(registry);
            Digest digest = Digest.sha256(new byte[] {1});
            RegistryException blob = assertThrows(RegistryException.class, () -> next.hasBlob("team/app", digest));
            RegistryException upload = assertThrows(
                    RegistryException.class,
                    () -> next.uploadBlob("team/app", digest, 1, () -> new ByteArrayInputStream(new byte[] {1}), null));
            RegistryException manifest = assertThrows(
                    RegistryException.class,
                    () -> next.putManifest("team/app", "1", "{}".getBytes(), MediaType.OCI_MANIFEST));
            RegistryException mount =
                    assertThrows(RegistryException.class, () -> next.mountBlob("team/app", digest, "team/app-base"));
            // every attempt logs (at least at debug): nothing logged, nothing tried
            assertTrue(log.all().isEmpty(), "no new connection attempt:\n" + log.all());
            for (RegistryException again : java.util.List.of(blob, upload, manifest, mount)) {
                assertEquals(first.getMessage(), again.getMessage());
                assertEquals(asMavenSaysIt(first), asMavenSaysIt(again));
            }
        }
    }

    @Test
    void aRegistryThatComesUpWhileBeingRetriedIsUsed() throws IOException {
        int port = freePort();
        String registry = "127.0.0.1:" + port;
        AtomicReference<FakeRegistry> started = new AtomicReference<>();
        RecordingLog starting = new RecordingLog(true) {
            @Override
            public void debug(String line) {
                super.debug(line);
                if (line.contains(registry) && started.get() == null) { // after the first failed attempt
                    try {
                        FakeRegistry fake = new FakeRegistry(port); // restarted: answers the next attempt
                        fake.handle(call -> call.header("Content-Type", MediaType.OCI_MANIFEST)
                                .respond(200, "{}"));
                        started.set(fake);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        };
        try (RegistryClient client = client(registry, starting)) {
            assertEquals(
                    MediaType.OCI_MANIFEST, client.getManifest("team/app", "1").mediaType());
            assertEquals(1, started.get().count("GET"), starting.all());
        } finally {
            if (started.get() != null) {
                started.get().close();
            }
        }
    }
}
