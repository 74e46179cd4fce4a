package io.github.dockerlayer.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.registry.RegistryException.Kind;
import io.github.dockerlayer.registry.RegistryHttp.Response;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** How {@link Failure} turns statuses and failed connections into kinds, retryable or not. */
class FailureTest {
    private static final String REGISTRY = "r.example:5000";
    private static final URI URL = URI.create("https://r.example:5000/v2/team/app/manifests/1");

    private static Response response(int status, Map<String, List<String>> headers, String body) {
        return new Response(
                REGISTRY,
                "GET",
                URL,
                status,
                HttpHeaders.of(headers, (name, value) -> true),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static Response response(int status) {
        return response(status, Map.of(), "");
    }

    @Test
    void theStatusGivesTheKind() {
        assertEquals(Kind.UNAUTHORIZED, Failure.of(response(401), "x").kind());
        assertEquals(Kind.DENIED, Failure.of(response(403), "x").kind());
        assertEquals(Kind.NOT_FOUND, Failure.of(response(404), "x").kind());
        assertEquals(Kind.PROTOCOL, Failure.of(response(400), "x").kind());
        assertEquals(Kind.PROTOCOL, Failure.of(response(200), "x").kind());
        for (int status : new int[] {401, 403, 404, 400, 416}) {
            assertFalse(Failure.of(response(status), "x").retryable(), "" + status);
        }
    }

    @Test
    void busyAndFailingRegistriesAreUnavailableAndRetryable() {
        for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
            RegistryException e = Failure.of(response(status), Kind.MANIFEST_REJECTED, "x");
            assertEquals(Kind.UNAVAILABLE, e.kind(), "" + status);
            assertTrue(e.retryable(), "" + status);
            assertEquals(-1, e.retryAfterMillis());
        }
        assertEquals(Kind.PROTOCOL, Failure.of(response(501), "x").kind(), "501 is not among the retried");
        assertFalse(Failure.of(response(501), "x").retryable());
    }

    @Test
    void retryAfterIsHonoured() {
        RegistryException e = Failure.of(response(429, Map.of("Retry-After", List.of("7")), ""), "x");
        assertEquals(7000, e.retryAfterMillis());
    }

    @Test
    void aGivenKindStandsWhenTheStatusIsNotRetryable() {
        RegistryException e = Failure.of(response(400), Kind.MANIFEST_REJECTED, "refused");
        assertEquals(Kind.MANIFEST_REJECTED, e.kind());
        assertEquals(400, e.status());
        assertEquals(REGISTRY, e.registry());
        assertEquals("GET", e.method());
    }

    @Test
    void theRegistrysErrorBodyIsKept() {
        RegistryException e = Failure.of(
                response(400, Map.of(), "{\"errors\":[{\"code\":\"MANIFEST_INVALID\",\"message\":\"bad\"}]}"), "x");
        assertEquals(List.of("MANIFEST_INVALID"), e.errorCodes());
        assertTrue(e.getMessage().endsWith(": 400, MANIFEST_INVALID: bad)"), e.getMessage());
    }

    @Test
    void expectReturnsAnExpectedResponseAndNamesWhatWasMissing() throws RegistryException {
        Response ok = response(202);
        assertSame(ok, Failure.expect(ok, "upload", 201, 202));
        RegistryException missing =
                assertThrows(RegistryException.class, () -> Failure.expect(response(404), "manifest team/app:1", 200));
        assertEquals(Kind.NOT_FOUND, missing.kind());
        assertEquals("manifest team/app:1 not found on " + REGISTRY, missing.explanation());
        RegistryException other =
                assertThrows(RegistryException.class, () -> Failure.expect(response(500), "manifest team/app:1", 200));
        assertEquals(REGISTRY + " answered 500 for manifest team/app:1", other.explanation());
        assertTrue(other.retryable());
    }

    @Test
    void aRefusedConnectionIsRetryableAndSaysWhereNothingAnswers() {
        RegistryException e =
                (RegistryException) Failure.classify(new ConnectException("Connection refused"), REGISTRY, "GET", URL);
        assertEquals(Kind.UNAVAILABLE, e.kind());
        assertTrue(e.retryable());
        assertTrue(e.refused());
        assertTrue(
                e.explanation().startsWith("nothing answers at r.example:5000 (connection refused)"), e.explanation());
        RegistryException noPort = (RegistryException) Failure.classify(
                new IOException("x", new ConnectException()), REGISTRY, "GET", URI.create("http://r.example/v2/"));
        assertTrue(noPort.explanation().startsWith("nothing answers at r.example:80 "), noPort.explanation());
        RegistryException https = (RegistryException)
                Failure.classify(new ConnectException(), REGISTRY, "GET", URI.create("https://r.example/v2/"));
        assertTrue(https.explanation().startsWith("nothing answers at r.example:443 "), https.explanation());
    }

    @Test
    void tlsAndUnknownHostsAreNotRetried() {
        RegistryException tls = (RegistryException)
                Failure.classify(new SSLHandshakeException("PKIX path building failed"), REGISTRY, "GET", URL);
        assertEquals(Kind.UNAVAILABLE, tls.kind());
        assertFalse(tls.retryable());
        assertEquals("TLS handshake with r.example failed: PKIX path building failed", tls.explanation());
        RegistryException unknown =
                (RegistryException) Failure.classify(new UnknownHostException("r.example"), REGISTRY, "GET", URL);
        assertFalse(unknown.retryable());
        assertTrue(unknown.explanation().startsWith("unknown host r.example: "), unknown.explanation());
    }

    @Test
    void timeoutsAndResetsAreRetryable() {
        RegistryException timeout = (RegistryException)
                Failure.classify(new HttpTimeoutException("request timed out"), REGISTRY, "GET", URL);
        assertTrue(timeout.retryable());
        assertEquals(
                "the connection to r.example failed: HttpTimeoutException request timed out", timeout.explanation());
        RegistryException reset = (RegistryException) Failure.classify(new IOException(), REGISTRY, "PUT", URL);
        assertTrue(reset.retryable());
        assertFalse(reset.refused());
        assertEquals("the connection to r.example failed: IOException", reset.explanation());
        assertEquals("PUT", reset.method());
    }

    @Test
    void localFailuresInterruptsAndRegistryFailuresPassThrough() {
        LocalIOException local = new LocalIOException("cannot read the blob", null);
        assertSame(local, Failure.classify(new IOException("wrapped", local), REGISTRY, "PUT", URL));
        InterruptedIOException interrupt = new InterruptedIOException("interrupted");
        assertSame(interrupt, Failure.classify(interrupt, REGISTRY, "GET", URL));
        RegistryException known = Failure.of(response(404), "x");
        assertSame(known, Failure.classify(known, REGISTRY, "GET", URL));
        assertSame(known, Failure.classify(new IOException("wrapped", known), REGISTRY, "GET", URL));
    }
}
