package io.github.dockerlayer.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.log.RecordingLog;
import io.github.dockerlayer.registry.FakeRegistry.PingAware;
import io.github.dockerlayer.registry.credentials.Credential;
import io.github.dockerlayer.registry.credentials.CredentialProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryClientAuthTest {
    private static final String USER = "alice";
    private static final String PASSWORD = "hunter2-SECRET-pw";
    private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\"}";

    private final FakeRegistry fake;
    private final RecordingLog log = RecordingLog.withLevels();
    private final AtomicInteger lookups = new AtomicInteger();
    private final List<String> tokenRequests = Collections.synchronizedList(new ArrayList<>());

    RegistryClientAuthTest() throws IOException {
        fake = new FakeRegistry();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private CredentialProvider password(String secret) {
        return registry -> {
            lookups.incrementAndGet();
            return new Credential(USER, secret, "settings.xml server '" + registry + "'");
        };
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** A registry guarded by Basic auth, serving one manifest. */
    private void basicRegistry() {
        fake.handle((PingAware) call -> {
            if (!basic(USER, PASSWORD).equals(call.header("Authorization"))) {
                call.header("WWW-Authenticate", "Basic realm=\"fake\"")
                        .json(
                                401,
                                "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
            } else if (call.path().equals("/v2/")) {
                call.respond(200, "{}");
            } else {
                call.header("Content-Type", MediaType.OCI_MANIFEST).respond(200, MANIFEST);
            }
        });
    }

    /**
     * A registry with a token server at /token on the same fake: tokens "tok-N"; {@code field} is the JSON field the
     * token comes in; the registry accepts only tokens in {@code valid}.
     */
    private void bearerRegistry(String field, List<String> valid, boolean requirePassword) {
        AtomicInteger issued = new AtomicInteger();
        fake.handle((PingAware) call -> {
            if (call.path().equals("/token")) {
                tokenRequests.add(call.method() + " " + call.query() + " auth=" + call.header("Authorization")
                        + " body=" + new String(call.body(), StandardCharsets.UTF_8));
                if (requirePassword
                        && !basic(USER, PASSWORD).equals(call.header("Authorization"))
                        && !call.method().equals("POST")) {
                    call.json(401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad login\"}]}");
                    return;
                }
                String token = "tok-" + issued.incrementAndGet();
                valid.add(token);
                call.json(200, "{\"" + field + "\":\"" + token + "\",\"expires_in\":300}");
                return;
            }
            String auth = call.header("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || !valid.contains(auth.substring(7))) {
                call.header(
                                "WWW-Authenticate",
                                "Bearer realm=\"" + fake.url() + "/token\",service=\"fake\""
                                        + (call.path().equals("/v2/") ? "" : ",scope=\"repository:team/app:pull\""))
                        .json(
                                401,
                                "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
            } else if (call.path().equals("/v2/")) {
                call.respond(200, "{}");
            } else if (call.method().equals("PUT")) {
                call.header("WWW-Authenticate", "Bearer realm=\"x\"")
                        .json(
                                403,
                                "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}");
            } else {
                call.header("Content-Type", MediaType.OCI_MANIFEST).respond(200, MANIFEST);
            }
        });
    }

    @Test
    void basicChallengeSendsTheCredentialAndLooksItUpOnce() throws IOException {
        basicRegistry();
        try (RegistryClient client = FakeRegistry.client(fake.address(), password(PASSWORD), 3, log)) {
            assertEquals("anonymous", client.credentialSource(), "nothing looked up before a challenge");
            client.getManifest("team/app", "latest");
            client.getManifest("team/app", "v2");
            assertEquals(1, lookups.get());
            assertEquals("settings.xml server '" + fake.address() + "'", client.credentialSource());
        }
        assertNull(fake.seen.get(0).authorization(), "the first request is anonymous");
        assertTrue(fake.requests().stream().allMatch(s -> basic(USER, PASSWORD).equals(s.authorization())));
    }

    @Test
    void noCredentialIsLookedUpForAnOpenRegistry() throws IOException {
        fake.handle(call -> call.header("Content-Type", MediaType.OCI_MANIFEST).respond(200, MANIFEST));
        try (RegistryClient client = FakeRegistry.client(fake.address(), password(PASSWORD), 3, log)) {
            client.getManifest("team/app", "latest");
        }
        assertEquals(0, lookups.get());
    }

    @Test
    void basicWithoutCredentialsSaysWhereItLooked() throws IOException {
        basicRegistry();
        try (RegistryClient client = FakeRegistry.client(fake.address(), CredentialProvider.ANONYMOUS, 3, log)) {
            RegistryException e = assertThrows(RegistryException.class, () -> client.getManifest("team/app", "latest"));
            assertEquals(RegistryException.Kind.UNAUTHORIZED, e.kind());
            assertEquals(401, e.status());
            String m = e.getMessage();
            assertTrue(m.contains("no credentials were found for '" + fake.address() + "'"), m);
            assertTrue(m.contains("settings.xml <server> with id '" + fake.address() + "'"), m);
            assertTrue(m.contains("$DOCKER_CONFIG/config.json or ~/.docker/config.json"), m);
            assertTrue(m.contains("Podman's auth.json"), m);
            assertTrue(m.contains("pull 'team/app'"), m);
        }
    }

    @Test
    void rejectedBasicCredentialsNameTheirSourceAndNeverTheSecret() throws IOException {
        basicRegistry();
        String wrong = "wrong-SECRET-value";
        try (RegistryClient client = FakeRegistry.client(fake.address(), password(wrong), 3, log)) {
            RegistryException e = assertThrows(RegistryException.class, () -> client.getManifest("team/app", "latest"));
            assertEquals(RegistryException.Kind.UNAUTHORIZED, e.kind());
            String m = e.getMessage();
            assertTrue(m.contains("rejected the credentials from settings.xml server '" + fake.address() + "'"), m);
            assertTrue(m.contains("user '" + USER + "'"), m);
            assertTrue(m.contains("<server> with id '" + fake.address() + "'"), m);
            assertNoSecret(m + log.all(), wrong, basic(USER, wrong).substring(6));
        }
        assertEquals(1, fake.count("GET"), "the refused credential is sent once, not again and again");
    }

    @Test
    void bearerTokenFromTheTokenField() throws IOException {
        List<String> valid = Collections.synchronizedList(new ArrayList<>());
        bearerRegistry("token", valid, true);
        try (RegistryClient client = FakeRegistry.client(fake.address(), password(PASSWORD), 3, log)) {
            client.getManifest("team/app", "latest");
            client.getManifest("team/app", "v2");
        }
        assertEquals(1, tokenRequests.size(), "cached per scope: " + tokenRequests);
        String request = URLDecoder.decode(tokenRequests.get(0), StandardCharsets.UTF_8);
        assertTrue(request.startsWith("GET service=fake&scope=repository:team/app:pull"), request);
        assertTrue(request.contains("auth=" + basic(USER, PASSWORD)), request);
        assertEquals(
                List.of("Bearer tok-1", "Bearer tok-1"),
                fake.requests().stream()
                        .filter(s -> s.path().contains("manifests"))
                        .map(FakeRegistry.Seen::authorization)
                        .toList());
    }

    @Test
    void bearerTokenFromTheAccessTokenFieldAndAnonymousTokenRequest() throws IOException {
        List<String> valid = Collections.synchronizedList(new ArrayList<>());
        bearerRegistry("access_token", valid, false);
        try (RegistryClient client = FakeRegistry.client(fake.address(), CredentialProvider.ANONYMOUS, 3, log)) {
            assertEquals(
                    MediaType.OCI_MANIFEST,
                    client.getManifest("team/app", "latest").mediaType());
            assertEquals("anonymous", client.credentialSource());
        }
        assertTrue(tokenRequests.get(0).contains("auth=null"), "anonymous token request: " + tokenRequests);
        assertTrue(fake.requests().stream().anyMatch(s -> "Bearer tok-1".equals(s.authorization())));
    }

    @Test
    void anExpiredTokenIsRenewedOnceAndTheRequestSentAgain() throws IOException {
        List<String> valid = Collections.synchronizedList(new ArrayList<>());
        bearerRegistry("token", valid, true);
        try (RegistryClient client = FakeRegistry.client(fake.address(), password(PASSWORD), 3, log)) {
            client.getManifest("team/app", "latest");
            valid.remove("tok-1"); // expired during a long push
            client.getManifest("team/app", "latest");
        }
        assertEquals(2, tokenRequests.size(), tokenRequests.toString());
        List<String> auths = fake.requests().stream()
                .filter(s -> s.path().contains("manifests"))
                .map(FakeRegistry.Seen::authorization)
                .toList();
        assertEquals(List.of("Bearer tok-1", "Bearer tok-1", "Bearer tok-2"), auths);
    }

    @Test
    void identityTokenUsesTheOAuth2RefreshTokenPost() throws IOException {
        List<String> valid = Collections.synchronizedList(new ArrayList<>());
        bearerRegistry("access_token", valid, true);
        String refresh = "refresh-SECRET-token";
        CredentialProvider identity =
                registry -> new Credential(Credential.IDENTITY_TOKEN_USER, refresh, "/home/u/.docker/config.json");
        try (RegistryClient client = FakeRegistry.client(fake.address(), identity, 3, log)) {
            client.getManifest("team/app", "latest");
        }
        String request = URLDecoder.decode(tokenRequests.get(0), StandardCharsets.UTF_8);
        assertTrue(request.startsWith("POST null auth=null body="), request);
        assertTrue(request.contains("grant_type=refresh_token"), request);
        assertTrue(request.contains("refresh_token=" + refresh), request);
        assertTrue(request.contains("service=fake"), request);
        assertTrue(request.contains("scope=repository:team/app:pull"), request);
        assertTrue(request.contains("client_id=docker-layer-maven-plugin"), request);
        assertNoSecret(log.all(), refresh);
    }

    @Test
    void forbiddenNamesRepositoryAndActionAndNeverTheToken() throws IOException {
        List<String> valid = Collections.synchronizedList(new ArrayList<>());
        bearerRegistry("token", valid, true);
        try (RegistryClient client = FakeRegistry.client(fake.address(), password(PASSWORD), 3, log)) {
            RegistryException e = assertThrows(
                    RegistryException.class,
                    () -> client.putManifest(
                            "team/app", "v1", MANIFEST.getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST));
            assertEquals(RegistryException.Kind.DENIED, e.kind());
            assertEquals(403, e.status());
            String m = e.getMessage();
            assertTrue(m.contains("denied push access to repository 'team/app'"), m);
            assertTrue(m.contains("settings.xml server '" + fake.address() + "'"), m);
            assertTrue(m.contains("DENIED: requested access to the resource is denied"), m);
            assertNoSecret(
                    m + log.all(), PASSWORD, "tok-", basic(USER, PASSWORD).substring(6));
        }
        String request = URLDecoder.decode(tokenRequests.get(0), StandardCharsets.UTF_8);
        assertTrue(request.contains("scope=repository:team/app:pull,push"), request);
    }

    @Test
    void tokenServerRefusingTheLoginIsUnauthorized() throws IOException {
        List<String> valid = Collections.synchronizedList(new ArrayList<>());
        bearerRegistry("token", valid, true);
        String wrong = "wrong-SECRET-value";
        try (RegistryClient client = FakeRegistry.client(fake.address(), password(wrong), 3, log)) {
            RegistryException e = assertThrows(RegistryException.class, () -> client.getManifest("team/app", "latest"));
            assertEquals(RegistryException.Kind.UNAUTHORIZED, e.kind());
            assertTrue(e.getMessage().contains("rejected the credentials from settings.xml"), e.getMessage());
            assertNoSecret(e.getMessage() + log.all(), wrong, basic(USER, wrong).substring(6));
        }
    }

    @Test
    void parallelUploadsShareOneClientAndOneToken() throws Exception {
        List<String> valid = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sessions = new AtomicInteger();
        fake.handle((PingAware) call -> {
            if (call.path().equals("/token")) {
                tokenRequests.add(call.query());
                valid.add("tok-" + tokenRequests.size());
                call.json(200, "{\"token\":\"tok-" + tokenRequests.size() + "\"}");
            } else if (call.header("Authorization") == null
                    || !valid.contains(call.header("Authorization").substring(7))) {
                call.header("WWW-Authenticate", "Bearer realm=\"" + fake.url() + "/token\",service=\"fake\"")
                        .respond(401);
            } else if (call.method().equals("POST")) {
                call.header("Location", "/v2/team/app/blobs/uploads/s" + sessions.incrementAndGet())
                        .respond(202);
            } else if (call.method().equals("PUT")) {
                String digest =
                        URLDecoder.decode(call.query(), StandardCharsets.UTF_8).replace("digest=", "");
                assertEquals(Digest.sha256(call.body()).toString(), digest);
                call.respond(201);
            } else {
                call.respond(200, "{}");
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (RegistryClient client = FakeRegistry.client(fake.address(), password(PASSWORD), 3, log)) {
            List<Future<Long>> uploads = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                byte[] blob = ("blob " + i).repeat(1000 + i).getBytes(StandardCharsets.UTF_8);
                uploads.add(pool.submit(() -> client.uploadBlob(
                        "team/app", Digest.sha256(blob), blob.length, () -> new ByteArrayInputStream(blob), null)));
            }
            for (Future<Long> upload : uploads) {
                assertTrue(upload.get() > 0);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, tokenRequests.size(), "one token for the scope set, fetched once: " + tokenRequests);
        assertEquals(16, sessions.get());
    }

    private static void assertNoSecret(String text, String... secrets) {
        for (String secret : secrets) {
            assertFalse(text.contains(secret), "'" + secret + "' leaked into: " + text);
        }
    }
}
