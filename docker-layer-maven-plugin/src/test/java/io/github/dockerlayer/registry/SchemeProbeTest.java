package io.github.dockerlayer.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.log.RecordingLog;
import io.github.dockerlayer.registry.RegistryHttp.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Which scheme {@link SchemeProbe} settles on, from scripted answers to its pings. */
class SchemeProbeTest {
    private final RecordingLog log = RecordingLog.withLevels();
    private final List<String> pings = new ArrayList<>();
    private final List<Response> learned = new ArrayList<>();

    /** What a ping to a URL gets: a status, or a failure. */
    private interface Answer {
        Response answer(URI uri) throws IOException;
    }

    private SchemeProbe probe(String authority, boolean allowInsecure, boolean httpsFirst, Answer http, Answer https) {
        return new SchemeProbe(
                authority,
                authority,
                allowInsecure,
                httpsFirst,
                (uri, timeout) -> {
                    pings.add(uri + " " + timeout);
                    return (uri.getScheme().equals("http") ? http : https).answer(uri);
                },
                learned::add,
                log);
    }

    private static Answer status(int status) {
        return uri -> new Response(
                uri.getAuthority(), "GET", uri, status, HttpHeaders.of(Map.of(), (a, b) -> true), new byte[0]);
    }

    private static Answer failing(IOException cause, boolean retryable) {
        return uri -> {
            throw new RegistryException(
                    RegistryException.Kind.UNAVAILABLE, "failed", uri.getAuthority(), "GET", uri, retryable, cause);
        };
    }

    private static Answer refused() {
        return uri -> {
            throw (RegistryException) Failure.classify(new ConnectException("refused"), "r", "GET", uri);
        };
    }

    private static Answer never() {
        return uri -> {
            throw new AssertionError("not to be asked: " + uri);
        };
    }

    private static final Duration LIMIT = SchemeProbe.LOOPBACK_HANDSHAKE_LIMIT;

    @Test
    void aLoopbackRegistryIsAskedOverPlainHttpFirstAndTheAnswerRemembered() throws IOException {
        SchemeProbe probe = probe("127.0.0.1:5000", false, true, status(401), never());
        assertNull(probe.known(), "nothing asked yet");
        assertEquals(URI.create("http://127.0.0.1:5000/"), probe.base());
        assertEquals(URI.create("http://127.0.0.1:5000/"), probe.base());
        assertEquals(URI.create("http://127.0.0.1:5000/"), probe.known());
        assertEquals(List.of("http://127.0.0.1:5000/v2/ " + LIMIT), pings, "asked once, with the handshake limit");
        assertEquals(1, learned.size(), "the 401 carries the challenge");
        assertTrue(log.all().contains("DEBUG 127.0.0.1:5000 answers plain http (a loopback address)"), log.all());
    }

    @Test
    void aLoopbackTlsPortAnswering400IsAskedOverHttps() throws IOException {
        SchemeProbe probe = probe("localhost:5443", false, true, status(400), status(200));
        assertEquals(URI.create("https://localhost:5443/"), probe.base());
        assertEquals(List.of("http://localhost:5443/v2/ " + LIMIT, "https://localhost:5443/v2/ " + LIMIT), pings);
        assertEquals(1, learned.size(), "only the answer of the scheme chosen");
        assertEquals(200, learned.get(0).status());
        assertTrue(log.all().contains("localhost:5443 answered plain http with 400; trying https"), log.all());
    }

    @Test
    void aRefusedLoopbackPortIsNotAskedOverHttps() {
        SchemeProbe probe = probe("127.0.0.1:5999", false, true, refused(), never());
        RegistryException e = assertThrows(RegistryException.class, probe::base);
        assertTrue(e.refused());
        assertEquals(1, pings.size(), pings.toString());
        assertNull(probe.known());
    }

    @Test
    void aLoopbackPortSilentToBothSchemesIsAskedOverPlainHttpOnceMoreWithoutTheLimit() throws IOException {
        SchemeProbe probe = probe(
                "127.0.0.1:5000",
                false,
                true,
                failing(new HttpTimeoutException("timed out"), true),
                failing(new HttpTimeoutException("timed out"), true));
        // plain http failed, https timed out (silence: taken as a plain http server), so plain http is asked again
        RegistryException e = assertThrows(RegistryException.class, probe::base);
        assertEquals(3, pings.size(), pings.toString());
        assertEquals("http://127.0.0.1:5000/v2/ null", pings.get(2));
        assertEquals("failed", e.explanation());
    }

    @Test
    void withoutHttpsFirstAHostThatMayUseHttpIsAskedOverHttpAtOnce() throws IOException {
        SchemeProbe probe = probe("127.0.0.1:5000", false, false, status(200), never());
        assertEquals(URI.create("http://127.0.0.1:5000/"), probe.base());
        assertEquals(List.of("http://127.0.0.1:5000/v2/ null"), pings);
    }

    @Test
    void aRemoteHostIsAskedOverHttpsOnly() throws IOException {
        SchemeProbe probe = probe("registry.example.com", false, true, never(), status(401));
        assertEquals(URI.create("https://registry.example.com/"), probe.base());
        assertEquals(List.of("https://registry.example.com/v2/ null"), pings);
        assertEquals(1, learned.size());
    }

    @Test
    void aRemoteTlsFailureNamesAllowInsecureRegistries() {
        SchemeProbe probe =
                probe("registry.example.com", false, true, never(), failing(new SSLHandshakeException("bad"), false));
        RegistryException e = assertThrows(RegistryException.class, probe::base);
        assertEquals(RegistryException.Kind.UNAVAILABLE, e.kind());
        assertEquals(
                "TLS with registry.example.com failed (bad). If this registry only speaks plain http, set"
                        + " <allowInsecureRegistries> to true; if its certificate comes from a private CA, add that CA"
                        + " to the JDK's trust store",
                e.explanation());
        assertFalse(e.getMessage().contains("docker-layer."), "no Maven wording: " + e.getMessage());
        assertFalse(e.retryable());
    }

    @Test
    void aRemoteRefusalIsNotRetriedOverHttpWithoutAllowInsecure() {
        SchemeProbe probe = probe("registry.example.com", false, true, never(), refused());
        RegistryException e = assertThrows(RegistryException.class, probe::base);
        assertTrue(e.refused());
        assertEquals(1, pings.size());
    }

    @Test
    void allowInsecureFallsBackToPlainHttp() throws IOException {
        SchemeProbe probe = probe(
                "registry.example.com:5000",
                true,
                true,
                status(200),
                failing(new SSLHandshakeException("plain text"), false));
        assertEquals(URI.create("http://registry.example.com:5000/"), probe.base());
        assertEquals(
                List.of("https://registry.example.com:5000/v2/ null", "http://registry.example.com:5000/v2/ null"),
                pings);
        assertTrue(log.all().contains("does not speak https, using plain http (allowInsecureRegistries)"), log.all());
    }

    @Test
    void allowInsecureWithAnUntrustedHttpsRegistryNamesTheTrustStore() {
        SchemeProbe probe = probe(
                "registry.example.com:5000",
                true,
                true,
                status(400),
                failing(new SSLHandshakeException("PKIX"), false));
        RegistryException e = assertThrows(RegistryException.class, probe::base);
        assertEquals(
                "TLS with registry.example.com:5000 failed (PKIX). If its certificate comes from a private CA, add that"
                        + " CA to the JDK's trust store",
                e.explanation());
        assertTrue(learned.isEmpty());
    }

    @Test
    void otherHttpsFailuresAreNotAnsweredWithPlainHttp() {
        SchemeProbe probe = probe("registry.example.com", true, true, never(), failing(new IOException("reset"), true));
        RegistryException e = assertThrows(RegistryException.class, probe::base);
        assertEquals("failed", e.explanation());
        assertEquals(1, pings.size());
    }

    @Test
    void plainHttpIsAllowedForLoopbackOrWithAllowInsecure() {
        SchemeProbe strict = probe("r", false, true, never(), never());
        assertTrue(strict.plainHttpAllowed("127.0.0.1"));
        assertTrue(strict.plainHttpAllowed("localhost"));
        assertTrue(strict.plainHttpAllowed("[::1]"));
        assertFalse(strict.plainHttpAllowed("registry.example.com"));
        assertFalse(strict.plainHttpAllowed("10.0.0.1"));
        assertTrue(probe("r", true, true, never(), never()).plainHttpAllowed("registry.example.com"));
        assertTrue(pings.isEmpty());
    }
}
