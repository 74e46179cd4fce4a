package io.github.dockerlayer.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.log.RecordingLog;
import io.github.dockerlayer.registry.credentials.CredentialProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryClientManifestTest {
    private static final byte[] INDEX = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX
                    + "\",\"manifests\":[]}")
            .getBytes(StandardCharsets.UTF_8);

    private final FakeRegistry fake;
    private final RecordingLog log = RecordingLog.withLevels();

    RegistryClientManifestTest() throws IOException {
        fake = new FakeRegistry();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private RegistryClient client() {
        return FakeRegistry.client(fake.address(), CredentialProvider.ANONYMOUS, 3, log);
    }

    @Test
    void getsAManifestWithItsDigestAndTheContentTypeAsMediaType() throws IOException {
        AtomicReference<String> accept = new AtomicReference<>();
        fake.handle(call -> {
            accept.set(call.header("Accept"));
            call.header("Content-Type", MediaType.DOCKER_MANIFEST_LIST + "; charset=utf-8")
                    .respond(200, INDEX);
        });
        try (RegistryClient client = client()) {
            RegistryClient.Manifest m = client.getManifest("base/jre", "17");
            assertArrayEquals(INDEX, m.bytes());
            assertEquals(Digest.sha256(INDEX), m.digest());
            assertEquals(MediaType.DOCKER_MANIFEST_LIST, m.mediaType(), "the header, without parameters");
        }
        for (String type : List.of(
                MediaType.OCI_INDEX,
                MediaType.OCI_MANIFEST,
                MediaType.DOCKER_MANIFEST_LIST,
                MediaType.DOCKER_MANIFEST)) {
            assertTrue(accept.get().contains(type), accept.get());
        }
    }

    @Test
    void genericContentTypeFallsBackToTheDocumentsMediaType() throws IOException {
        fake.handle(call -> call.header("Content-Type", "application/json").respond(200, INDEX));
        try (RegistryClient client = client()) {
            assertEquals(
                    MediaType.OCI_INDEX, client.getManifest("base/jre", "17").mediaType());
        }
    }

    @Test
    void aManifestPulledByDigestMustHaveThatDigest() throws IOException {
        fake.handle(call -> call.header("Content-Type", MediaType.OCI_INDEX).respond(200, INDEX));
        String other = Digest.sha256("other".getBytes(StandardCharsets.UTF_8)).toString();
        try (RegistryClient client = client()) {
            assertEquals(
                    Digest.sha256(INDEX),
                    client.getManifest("base/jre", Digest.sha256(INDEX).toString())
                            .digest());
            RegistryException e = assertThrows(RegistryException.class, () -> client.getManifest("base/jre", other));
            assertEquals(RegistryException.Kind.PROTOCOL, e.kind());
            assertTrue(
                    e.getMessage().contains(other)
                            && e.getMessage().contains(Digest.sha256(INDEX).toString()),
                    e.getMessage());
        }
    }

    @Test
    void headGivesADescriptorOrNothing() throws IOException {
        Digest digest = Digest.sha256(INDEX);
        fake.handle(call -> {
            if (call.path().endsWith("/17")) {
                call.header("Content-Type", MediaType.OCI_INDEX)
                        .header("Docker-Content-Digest", digest.toString())
                        .header("Content-Length", String.valueOf(INDEX.length))
                        .respond(200);
            } else {
                call.json(404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}");
            }
        });
        try (RegistryClient client = client()) {
            assertEquals(
                    Optional.of(new Descriptor(MediaType.OCI_INDEX, digest, INDEX.length)),
                    client.headManifest("base/jre", "17"));
            assertEquals(Optional.empty(), client.headManifest("base/jre", "18"));
        }
        assertEquals(2, fake.count("HEAD"));
    }

    @Test
    void putsAManifestWithItsMediaTypeAndChecksTheReportedDigest() throws IOException {
        AtomicReference<String> type = new AtomicReference<>();
        AtomicReference<byte[]> body = new AtomicReference<>();
        fake.handle(call -> {
            type.set(call.header("Content-Type"));
            body.set(call.body());
            call.header("Docker-Content-Digest", Digest.sha256(call.body()).toString())
                    .respond(201);
        });
        try (RegistryClient client = client()) {
            assertEquals(Digest.sha256(INDEX), client.putManifest("team/app", "1.0", INDEX, MediaType.OCI_INDEX));
        }
        assertEquals(MediaType.OCI_INDEX, type.get());
        assertArrayEquals(INDEX, body.get());
        assertEquals("/v2/team/app/manifests/1.0", fake.requests().get(0).path());
    }

    @Test
    void anotherReportedDigestAfterThePutIsAnError() throws IOException {
        String wrong = Digest.sha256("changed".getBytes(StandardCharsets.UTF_8)).toString();
        fake.handle(call -> call.header("Docker-Content-Digest", wrong).respond(201));
        try (RegistryClient client = client()) {
            RegistryException e = assertThrows(
                    RegistryException.class, () -> client.putManifest("team/app", "1.0", INDEX, MediaType.OCI_INDEX));
            assertEquals(RegistryException.Kind.PROTOCOL, e.kind());
            assertTrue(e.getMessage().contains(wrong), e.getMessage());
        }
    }

    @Test
    void manifestInvalidIsARejectedMediaType() throws IOException {
        fake.handle(call -> call.json(
                400, "{\"errors\":[{\"code\":\"MANIFEST_INVALID\",\"message\":\"manifest invalid\",\"detail\":{}}]}"));
        try (RegistryClient client = client()) {
            RegistryException e = assertThrows(
                    RegistryException.class, () -> client.putManifest("team/app", "1.0", INDEX, MediaType.OCI_INDEX));
            assertEquals(RegistryException.Kind.MANIFEST_REJECTED, e.kind());
            assertEquals(List.of("MANIFEST_INVALID"), e.errorCodes());
            String m = e.getMessage();
            assertTrue(m.contains("does not accept the " + MediaType.OCI_INDEX + " manifest"), m);
            assertTrue(m.contains("older than distribution 2.7"), m);
        }
        assertEquals(1, fake.count("PUT"));
    }

    @Test
    void unsupportedMediaType415IsRejectedToo() throws IOException {
        fake.handle(call -> call.respond(415));
        try (RegistryClient client = client()) {
            RegistryException e = assertThrows(
                    RegistryException.class, () -> client.putManifest("team/app", "1.0", INDEX, MediaType.OCI_INDEX));
            assertEquals(RegistryException.Kind.MANIFEST_REJECTED, e.kind());
        }
    }

    @Test
    void aManifestPutIsRetriedAsIs() throws IOException {
        AtomicInteger puts = new AtomicInteger();
        fake.handle(call -> call.respond(puts.incrementAndGet() == 1 ? 500 : 201));
        try (RegistryClient client = client()) {
            client.putManifest("team/app", "1.0", INDEX, MediaType.OCI_INDEX);
        }
        assertEquals(2, puts.get());
    }
}
