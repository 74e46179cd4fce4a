package io.github.dockerlayer.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.log.RecordingLog;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {

    @Test
    void backoffDoublesWithJitterAndIsCapped() {
        Retry retry = new Retry(5, Duration.ofMillis(500), RecordingLog.withLevels());
        for (int i = 0; i < 20; i++) {
            long first = retry.delayMillis(1, -1);
            long third = retry.delayMillis(3, -1);
            long tenth = retry.delayMillis(10, -1);
            assertTrue(first >= 500 && first <= 625, "first: " + first);
            assertTrue(third >= 2000 && third <= 2500, "third: " + third);
            assertTrue(tenth >= 8000 && tenth <= 10000, "capped: " + tenth);
        }
    }

    @Test
    void retryAfterWinsAndIsCapped() {
        Retry retry = new Retry(5, Duration.ofMillis(500), RecordingLog.withLevels());
        assertEquals(1000, retry.delayMillis(1, 1000));
        assertEquals(60_000, retry.delayMillis(1, 3_600_000));
    }

    @Test
    void parsesRetryAfterSecondsAndDates() {
        assertEquals(1000, Retry.parseRetryAfter("1"));
        assertEquals(-1, Retry.parseRetryAfter(null));
        assertEquals(-1, Retry.parseRetryAfter("soon"));
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        long millis = Retry.parseRetryAfter(inTenSeconds);
        assertTrue(millis > 8000 && millis <= 10_000, "date: " + millis);
    }

    @Test
    void stopsAtMaxAttemptsAndSaysHowOften() {
        RecordingLog log = RecordingLog.withLevels();
        Retry retry = new Retry(3, Duration.ofMillis(1), log);
        AtomicInteger calls = new AtomicInteger();
        RegistryException e = assertThrows(
                RegistryException.class,
                () -> retry.run(
                        () -> {
                            calls.incrementAndGet();
                            throw new RegistryException(
                                    RegistryException.Kind.UNAVAILABLE,
                                    "busy",
                                    response("r:1", "GET", URI.create("http://r:1/v2/a/manifests/b"), 503, ""),
                                    true,
                                    -1);
                        },
                        ""));
        assertEquals(3, calls.get());
        assertEquals(RegistryException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("3 times"), e.getMessage());
        assertTrue(
                log.all().contains("retrying GET http://r:1/v2/a/manifests/b after 503 (attempt 2 of 3)"), log.all());
    }

    @Test
    void doesNotRetryWhatCannotGetBetter() {
        Retry retry = new Retry(5, Duration.ofMillis(1), RecordingLog.withLevels());
        AtomicInteger calls = new AtomicInteger();
        assertThrows(
                RegistryException.class,
                () -> retry.run(
                        () -> {
                            calls.incrementAndGet();
                            throw new RegistryException(
                                    RegistryException.Kind.NOT_FOUND,
                                    "gone",
                                    response("r", "GET", URI.create("http://r/v2/"), 404, ""),
                                    false,
                                    -1);
                        },
                        ""));
        assertEquals(1, calls.get());
    }

    private static RegistryHttp.Response response(String registry, String method, URI uri, int status, String body) {
        return new RegistryHttp.Response(
                registry,
                method,
                uri,
                status,
                HttpHeaders.of(Map.of(), (name, value) -> true),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
