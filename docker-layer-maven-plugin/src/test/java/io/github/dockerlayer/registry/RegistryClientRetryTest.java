package io.github.dockerlayer.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.log.RecordingLog;
import io.github.dockerlayer.registry.credentials.CredentialProvider;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryClientRetryTest {
    private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\"}";

    private final FakeRegistry fake;
    private final RecordingLog log = RecordingLog.withLevels();
    private final AtomicInteger calls = new AtomicInteger();

    RegistryClientRetryTest() throws IOException {
        fake = new FakeRegistry();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    /** Fails the first {@code failures} manifest GETs with {@code status}, then serves the manifest. */
    private void failingFirst(int failures, int status, String retryAfter) {
        fake.handle(call -> {
            if (calls.incrementAndGet() <= failures) {
                if (retryAfter != null) {
                    call.header("Retry-After", retryAfter);
                }
                call.json(status, "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"busy\"}]}");
            } else {
                call.header("Content-Type", MediaType.OCI_MANIFEST).respond(200, MANIFEST);
            }
        });
    }

    @Test
    void retriesA503AndSaysSo() throws IOException {
        failingFirst(1, 503, null);
        try (RegistryClient client = FakeRegistry.client(fake.address(), CredentialProvider.ANONYMOUS, 5, log)) {
            assertEquals(
                    MediaType.OCI_MANIFEST,
                    client.getManifest("team/app", "latest").mediaType());
        }
        assertEquals(2, fake.count("GET"));
        assertTrue(
                log.all()
                        .contains("INFO retrying GET " + fake.url() + "/v2/team/app/manifests/latest after 503"
                                + " (attempt 2 of 5)"),
                log.all());
    }

    @Test
    void honoursRetryAfterOn429() throws IOException {
        failingFirst(1, 429, "1");
        long start = System.nanoTime();
        try (RegistryClient client = FakeRegistry.client(fake.address(), CredentialProvider.ANONYMOUS, 5, log)) {
            client.getManifest("team/app", "latest");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 950, "waited only " + millis + " ms"); // the backoff alone would be 10 ms
        assertEquals(2, fake.count("GET"));
    }

    @Test
    void givesUpAfterMaxAttemptsAsUnavailable() throws IOException {
        failingFirst(Integer.MAX_VALUE, 502, null);
        try (RegistryClient client = FakeRegistry.client(fake.address(), CredentialProvider.ANONYMOUS, 3, log)) {
            RegistryException e = assertThrows(RegistryException.class, () -> client.getManifest("team/app", "latest"));
            assertEquals(RegistryException.Kind.UNAVAILABLE, e.kind());
            assertEquals(502, e.status());
            assertTrue(e.getMessage().contains("answered 502 3 times in a row"), e.getMessage());
            assertTrue(e.getMessage().contains("/v2/team/app/manifests/latest"), e.getMessage());
        }
        assertEquals(3, fake.count("GET"));
    }

    @Test
    void retriesABrokenConnection() throws IOException {
        // two: the JDK itself retries a GET once when a pooled connection turns out closed
        fake.handle(call -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IOException("simulated reset"); // closes the connection without an answer
            }
            call.header("Content-Type", MediaType.OCI_MANIFEST).respond(200, MANIFEST);
        });
        try (RegistryClient client = FakeRegistry.client(fake.address(), CredentialProvider.ANONYMOUS, 5, log)) {
            client.getManifest("team/app", "latest");
        }
        assertEquals(3, calls.get());
        assertTrue(log.all().contains("retrying GET"), log.all());
    }

    @Test
    void doesNotRetryA404() throws IOException {
        fake.handle(call -> call.json(404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"unknown\"}]}"));
        try (RegistryClient client = FakeRegistry.client(fake.address(), CredentialProvider.ANONYMOUS, 5, log)) {
            RegistryException e = assertThrows(RegistryException.class, () -> client.getManifest("team/app", "latest"));
            assertEquals(RegistryException.Kind.NOT_FOUND, e.kind());
            assertEquals(java.util.List.of("MANIFEST_UNKNOWN"), e.errorCodes());
            assertTrue(
                    e.getMessage().contains("manifest team/app:latest not found on " + fake.address()), e.getMessage());
        }
        assertEquals(1, fake.count("GET"));
    }
}
