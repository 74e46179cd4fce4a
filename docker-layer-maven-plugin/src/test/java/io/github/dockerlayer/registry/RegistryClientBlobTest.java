package io.github.dockerlayer.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.log.RecordingLog;
import io.github.dockerlayer.registry.FakeRegistry.Call;
import io.github.dockerlayer.registry.FakeRegistry.PingAware;
import io.github.dockerlayer.registry.FakeRegistry.Seen;
import io.github.dockerlayer.registry.credentials.Credential;
import io.github.dockerlayer.registry.credentials.CredentialProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryClientBlobTest {
    private static final int MIB = 1024 * 1024;

    private final FakeRegistry fake;
    private final RecordingLog log = RecordingLog.withLevels();

    RegistryClientBlobTest() throws IOException {
        fake = new FakeRegistry();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private RegistryClient client() {
        return FakeRegistry.client(fake.address(), CredentialProvider.ANONYMOUS, 5, log);
    }

    /**
     * An upload endpoint like distribution's: sessions s1, s2, ...; Location relative with a _state query that
     * must come back; {@code minChunk} as OCI-Chunk-Min-Length (0: none). {@code trouble} may break a request.
     */
    private static final class Uploads implements FakeRegistry.Handler {
        final Map<String, ByteArrayOutputStream> sessions = new ConcurrentHashMap<>();
        final List<String> dead = Collections.synchronizedList(new ArrayList<>());
        final List<String> misuse = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger posts = new AtomicInteger();
        final long minChunk;
        volatile FakeRegistry.Handler trouble = call -> {};
        volatile byte[] stored;

        Uploads(long minChunk) {
            this.minChunk = minChunk;
        }

        @Override
        public void handle(Call call) throws IOException {
            String path = call.path();
            if (call.method().equals("POST")) {
                String id = "s" + posts.incrementAndGet();
                sessions.put(id, new ByteArrayOutputStream());
                if (!"0".equals(call.header("Content-Length"))) {
                    misuse.add("POST without Content-Length: 0");
                }
                if (minChunk > 0) {
                    call.header("OCI-Chunk-Min-Length", String.valueOf(minChunk));
                }
                call.header("Location", "/v2/team/app/blobs/uploads/" + id + "?_state=0")
                        .respond(202);
                return;
            }
            String id = path.substring(path.lastIndexOf('/') + 1);
            ByteArrayOutputStream session = sessions.get(id);
            if (call.method().equals("DELETE")) {
                call.respond(204);
                return;
            }
            if (dead.contains(id)) {
                misuse.add(call.method() + " into dead session " + id);
            }
            if (session == null || !call.query().startsWith("_state=" + session.size())) {
                misuse.add(call.method() + " " + call.query() + " lost the state of " + id);
                call.respond(404);
                return;
            }
            try {
                trouble.handle(call);
            } catch (IOException e) {
                dead.add(id);
                throw e;
            }
            session.write(call.body());
            if (call.method().equals("PATCH")) {
                call.header("Location", "/v2/team/app/blobs/uploads/" + id + "?_state=" + session.size())
                        .header("Range", "0-" + (session.size() - 1))
                        .respond(202);
            } else {
                String digest = URLDecoder.decode(call.query().replaceAll(".*digest=", ""), StandardCharsets.UTF_8);
                if (!Digest.sha256(session.toByteArray()).toString().equals(digest)) {
                    call.json(400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"mismatch\"}]}");
                    return;
                }
                stored = session.toByteArray();
                call.header("Docker-Content-Digest", digest).respond(201);
            }
        }
    }

    @Test
    void smallBlobGoesInOnePutThatKeepsTheSessionQuery() throws IOException {
        Uploads uploads = new Uploads(0);
        fake.handle(uploads);
        byte[] blob = "hello layer".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(blob);
        try (RegistryClient client = client()) {
            assertEquals(
                    blob.length,
                    client.uploadBlob("team/app", digest, blob.length, () -> new ByteArrayInputStream(blob), sent -> {
                        throw new AssertionError("no progress for small blobs");
                    }));
        }
        assertArrayEquals(blob, uploads.stored);
        assertEquals(List.of(), uploads.misuse);
        Seen put = fake.requests().get(1);
        assertEquals("PUT", put.method());
        assertEquals("/v2/team/app/blobs/uploads/s1", put.path());
        assertEquals("_state=0&digest=" + digest.toString().replace(":", "%3A"), put.query());
        assertEquals("application/octet-stream", put.contentType());
        assertEquals(String.valueOf(blob.length), put.contentLength());
    }

    @Test
    void largeBlobIsChunkedHonouringTheRegistrysMinimumAndItsLocations() throws IOException {
        Uploads uploads = new Uploads(10 * MIB);
        fake.handle(uploads);
        byte[] blob = random(25 * MIB);
        List<Long> progress = Collections.synchronizedList(new ArrayList<>());
        try (RegistryClient client = client()) {
            client.uploadBlob(
                    "team/app", Digest.sha256(blob), blob.length, () -> new ByteArrayInputStream(blob), progress::add);
        }
        assertArrayEquals(blob, uploads.stored);
        assertEquals(List.of(), uploads.misuse);
        List<String> ranges = fake.requests().stream()
                .filter(s -> s.method().equals("PATCH"))
                .map(s -> s.contentRange() + " " + s.query())
                .toList();
        assertEquals(
                List.of(
                        "0-10485759 _state=0",
                        "10485760-20971519 _state=10485760",
                        "20971520-26214399 _state=20971520"),
                ranges);
        Seen put = fake.requests().get(fake.requests().size() - 1);
        assertEquals("PUT", put.method());
        assertTrue(put.query().startsWith("_state=26214400&digest=sha256%3A"), put.query());
        assertEquals((long) blob.length, progress.get(progress.size() - 1));
    }

    @Test
    void withoutAChunkHintEvenALargeBlobGoesInOnePut() throws IOException {
        Uploads uploads = new Uploads(0);
        fake.handle(uploads);
        byte[] blob = random(17 * MIB);
        try (RegistryClient client = client()) {
            client.uploadBlob("team/app", Digest.sha256(blob), blob.length, () -> new ByteArrayInputStream(blob), null);
        }
        assertEquals(0, fake.count("PATCH"));
        assertArrayEquals(blob, uploads.stored);
    }

    @Test
    void aConnectionResetMidChunkRestartsFromANewSession() throws IOException {
        Uploads uploads = new Uploads(8 * MIB);
        AtomicInteger patches = new AtomicInteger();
        uploads.trouble = call -> {
            if (call.method().equals("PATCH") && patches.incrementAndGet() == 2) {
                call.resetAfter(MIB);
            }
        };
        fake.handle(uploads);
        byte[] blob = random(20 * MIB);
        AtomicInteger opened = new AtomicInteger();
        try (RegistryClient client = client()) {
            client.uploadBlob(
                    "team/app",
                    Digest.sha256(blob),
                    blob.length,
                    () -> {
                        opened.incrementAndGet();
                        return new ByteArrayInputStream(blob);
                    },
                    null);
        }
        assertArrayEquals(blob, uploads.stored);
        assertEquals(2, uploads.posts.get(), "one new session for the retry");
        assertEquals(List.of("s1"), uploads.dead);
        assertEquals(List.of(), uploads.misuse, "nothing was sent into the broken session again");
        List<String> afterReset = fake.requests().stream()
                .filter(s -> s.method().equals("PATCH") || s.method().equals("PUT"))
                .map(s -> s.path().substring(s.path().lastIndexOf('/') + 1) + " " + s.contentRange())
                .toList();
        assertEquals(
                List.of(
                        "s1 0-8388607",
                        "s1 8388608-16777215",
                        "s2 0-8388607",
                        "s2 8388608-16777215",
                        "s2 16777216-20971519",
                        "s2 null"),
                afterReset);
        assertEquals(2, opened.get(), "a fresh content stream for the new attempt");
        assertTrue(
                log.all().contains("retrying PATCH " + fake.url() + "/v2/team/app/blobs/uploads/s1?_state=…"),
                log.all());
        assertTrue(log.all().contains("(attempt 2 of 5), from a new upload session"), log.all());
    }

    @Test
    void aConnectionResetDuringAMonolithicPutRestartsFromANewSession() throws IOException {
        Uploads uploads = new Uploads(0);
        AtomicInteger puts = new AtomicInteger();
        uploads.trouble = call -> {
            if (puts.incrementAndGet() == 1) {
                call.resetAfter(MIB);
            }
        };
        fake.handle(uploads);
        byte[] blob = random(6 * MIB);
        List<Long> progress = Collections.synchronizedList(new ArrayList<>());
        try (RegistryClient client = client()) {
            assertEquals(
                    blob.length,
                    client.uploadBlob(
                            "team/app",
                            Digest.sha256(blob),
                            blob.length,
                            () -> new ByteArrayInputStream(blob),
                            progress::add));
        }
        assertArrayEquals(blob, uploads.stored);
        assertEquals(2, uploads.posts.get());
        assertEquals(List.of(), uploads.misuse);
        List<String> puts2 = fake.requests().stream()
                .filter(s -> s.method().equals("PUT"))
                .map(Seen::path)
                .toList();
        assertEquals(List.of("/v2/team/app/blobs/uploads/s1", "/v2/team/app/blobs/uploads/s2"), puts2);
        assertEquals((long) blob.length, progress.get(progress.size() - 1));
        assertTrue(progress.size() > 2, "progress as bytes go out: " + progress.size());
    }

    @Test
    void aBrokenLocalFileIsNotRetriedNorBlamedOnTheRegistry() throws IOException {
        Uploads uploads = new Uploads(0);
        fake.handle(uploads);
        byte[] blob = random(64 * 1024);
        try (RegistryClient client = client()) {
            IOException e = assertThrows(
                    IOException.class,
                    () -> client.uploadBlob(
                            "team/app",
                            Digest.sha256(blob),
                            blob.length,
                            () -> new InputStream() {
                                int n;

                                @Override
                                public int read() throws IOException {
                                    if (++n > 1000) {
                                        throw new IOException("disk on fire");
                                    }
                                    return 7;
                                }
                            },
                            null));
            assertFalse(e instanceof RegistryException, e.toString());
            assertTrue(e.getMessage().contains("cannot read the blob content to upload: disk on fire"), e.getMessage());
        }
        assertEquals(1, uploads.posts.get());
    }

    @Test
    void mountCreatedIsTrue() throws IOException {
        fake.handle(
                call -> call.header("Location", "/v2/team/app/blobs/sha256:x").respond(201));
        Digest digest = Digest.sha256(new byte[] {1});
        try (RegistryClient client = client()) {
            assertTrue(client.mountBlob("team/app", digest, "base/jre"));
        }
        Seen post = fake.requests().get(0);
        assertEquals("POST", post.method());
        assertEquals("/v2/team/app/blobs/uploads/", post.path());
        assertEquals("mount=" + digest.toString().replace(":", "%3A") + "&from=base%2Fjre", post.query());
    }

    @Test
    void mountAnsweredWithAnUploadSessionIsFalseAndTheSessionCancelled() throws IOException {
        fake.handle(call -> {
            if (call.method().equals("POST")) {
                call.header("Location", "/v2/team/app/blobs/uploads/s9?_state=q")
                        .respond(202);
            } else {
                call.respond(204);
            }
        });
        try (RegistryClient client = client()) {
            assertFalse(client.mountBlob("team/app", Digest.sha256(new byte[] {1}), "base/jre"));
        }
        Seen delete = fake.requests().get(1);
        assertEquals("DELETE", delete.method());
        assertEquals("/v2/team/app/blobs/uploads/s9", delete.path());
        assertEquals("_state=q", delete.query());
    }

    @Test
    void mountAsksForPushHereAndPullThere() throws IOException {
        List<String> scopes = Collections.synchronizedList(new ArrayList<>());
        fake.handle((PingAware) call -> {
            if (call.path().equals("/token")) {
                scopes.add(URLDecoder.decode(call.query(), StandardCharsets.UTF_8));
                call.json(200, "{\"token\":\"t\"}");
            } else if (!"Bearer t".equals(call.header("Authorization"))) {
                call.header("WWW-Authenticate", "Bearer realm=\"" + fake.url() + "/token\",service=\"fake\"")
                        .respond(401);
            } else if (call.path().equals("/v2/")) {
                call.respond(200);
            } else {
                call.json(500, "{}"); // and a failure is only a debug line and false
            }
        });
        try (RegistryClient client = client()) {
            assertFalse(client.mountBlob("team/app", Digest.sha256(new byte[] {1}), "base/jre"));
        }
        assertEquals(
                List.of("service=fake&scope=repository:team/app:pull,push&scope=repository:base/jre:pull"), scopes);
        assertTrue(log.all().contains("DEBUG mounting sha256:"), log.all());
    }

    @Test
    void aRedirectToBlobStorageCarriesNoAuthorization() throws IOException {
        byte[] blob = random(100_000);
        Digest digest = Digest.sha256(blob);
        String auth = "Basic " + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8));
        try (FakeRegistry storage = new FakeRegistry()) {
            storage.handle(call -> call.respond(200, blob));
            fake.handle((PingAware) call -> {
                if (!auth.equals(call.header("Authorization"))) {
                    call.header("WWW-Authenticate", "Basic realm=\"r\"").respond(401);
                } else if (call.path().equals("/v2/")) {
                    call.respond(200);
                } else {
                    call.header("Location", storage.url() + "/bucket/blob?X-Amz-Signature=sig")
                            .respond(307);
                }
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (RegistryClient client =
                    FakeRegistry.client(fake.address(), r -> new Credential("u", "p", "test"), 3, log)) {
                assertEquals(blob.length, client.getBlob("team/app", digest, blob.length, out));
                assertTrue(client.hasBlob("team/app", digest), "a redirected HEAD means the blob is there");
            }
            assertArrayEquals(blob, out.toByteArray());
            assertEquals(auth, fake.requests().get(0).authorization());
            assertEquals(1, storage.requests().size(), "the HEAD redirect was not followed");
            assertEquals("/bucket/blob", storage.requests().get(0).path());
            assertNull(storage.requests().get(0).authorization());
        }
    }

    @Test
    void hasBlobIsTrueOn200AndFalseOn404() throws IOException {
        Digest there = Digest.sha256(new byte[] {1});
        fake.handle(
                call -> call.header("Content-Length", "1").respond(call.path().endsWith(there.toString()) ? 200 : 404));
        try (RegistryClient client = client()) {
            assertTrue(client.hasBlob("team/app", there));
            assertFalse(client.hasBlob("team/app", Digest.sha256(new byte[] {2})));
        }
    }

    @Test
    void aPulledBlobWithAnotherDigestIsAProtocolError() throws IOException {
        byte[] blob = random(1000);
        Digest wanted = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8));
        fake.handle(call -> call.respond(200, blob));
        try (RegistryClient client = client()) {
            RegistryException e = assertThrows(
                    RegistryException.class,
                    () -> client.getBlob("team/app", wanted, blob.length, new ByteArrayOutputStream()));
            assertEquals(RegistryException.Kind.PROTOCOL, e.kind());
            assertTrue(
                    e.getMessage().contains("blob " + wanted + " arrived with digest " + Digest.sha256(blob)),
                    e.getMessage());
        }
    }

    @Test
    void aPulledBlobOfAnotherSizeIsAProtocolError() throws IOException {
        byte[] blob = random(1000);
        fake.handle(call -> call.respond(200, blob));
        try (RegistryClient client = client()) {
            RegistryException shorter = assertThrows(
                    RegistryException.class,
                    () -> client.getBlob("team/app", Digest.sha256(blob), 1001, new ByteArrayOutputStream()));
            assertEquals(RegistryException.Kind.PROTOCOL, shorter.kind());
            assertTrue(shorter.getMessage().contains("has 1000 bytes, expected 1001"), shorter.getMessage());
            RegistryException longer = assertThrows(
                    RegistryException.class,
                    () -> client.getBlob("team/app", Digest.sha256(blob), 999, new ByteArrayOutputStream()));
            assertEquals(RegistryException.Kind.PROTOCOL, longer.kind());
            assertTrue(longer.getMessage().contains("larger than its expected 999 bytes"), longer.getMessage());
        }
        assertEquals(2, fake.count("GET"), "size errors are not retried");
    }

    @Test
    void aBrokenDownloadResumesWithRange() throws IOException {
        resumes(true);
    }

    @Test
    void aBrokenDownloadResumesWhenTheRegistryIgnoresRange() throws IOException {
        resumes(false);
    }

    private void resumes(boolean honourRange) throws IOException {
        byte[] blob = random(3 * MIB);
        AtomicInteger gets = new AtomicInteger();
        fake.handle(call -> {
            String range = call.header("Range");
            if (gets.incrementAndGet() == 1) {
                call.exchange.sendResponseHeaders(200, blob.length);
                call.exchange.getResponseBody().write(blob, 0, MIB);
                call.exchange.getResponseBody().flush();
                throw new IOException("simulated reset mid-body");
            }
            if (honourRange && range != null) {
                int from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
                call.header("Content-Range", "bytes " + from + "-" + (blob.length - 1) + "/" + blob.length);
                call.respond(206, java.util.Arrays.copyOfRange(blob, from, blob.length));
            } else {
                call.respond(200, blob);
            }
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RegistryClient client = client()) {
            assertEquals(blob.length, client.getBlob("team/app", Digest.sha256(blob), blob.length, out));
        }
        assertArrayEquals(blob, out.toByteArray());
        String range = fake.requests().get(1).range();
        assertTrue(range != null && range.matches("bytes=\\d+-") && !range.equals("bytes=0-"), range);
    }

    @Test
    void aFailingTargetIsNotRetried() throws IOException {
        byte[] blob = random(1000);
        fake.handle(call -> call.respond(200, blob));
        try (RegistryClient client = client()) {
            IOException e = assertThrows(
                    IOException.class,
                    () -> client.getBlob("team/app", Digest.sha256(blob), blob.length, new java.io.OutputStream() {
                        @Override
                        public void write(int b) throws IOException {
                            throw new IOException("disk full");
                        }
                    }));
            assertInstanceOf(LocalIOException.class, e);
        }
        assertEquals(1, fake.count("GET"));
    }
}
