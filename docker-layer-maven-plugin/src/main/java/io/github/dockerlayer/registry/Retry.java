package io.github.dockerlayer.registry;

import io.github.dockerlayer.log.BuildLog;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how often a failed request is tried again: on 408, 429, 500, 502, 503, 504 and on a failed connection
 * (reset, EOF, timeout), up to {@code maxAttempts} attempts in all, waiting {@code base}, 2 {@code base}, 4 {@code base}
 * ... (at most {@link #MAX_BACKOFF}) plus up to a quarter of that at random, or the registry's {@code Retry-After}
 * (at most {@link #MAX_RETRY_AFTER}).
 */
final class Retry {
    static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504);
    static final Duration DEFAULT_BASE = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    /** One attempt; a {@link RegistryException} that is {@link RegistryException#retryable()} asks for another. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws IOException;
    }

    private final int maxAttempts;
    private final long baseMillis;
    private final BuildLog log;

    Retry(int maxAttempts, Duration base, BuildLog log) {
        this.maxAttempts = Math.max(1, maxAttempts);
        this.baseMillis = base.toMillis();
        this.log = log;
    }

    /**
     * Runs {@code attempt} until it succeeds, fails for good, or the attempts are used up; then a
     * {@link RegistryException.Kind#UNAVAILABLE} that says what failed and how often.
     *
     * @param restart how a retry starts again, for the log line (e.g. {@code ", from a new upload session"}), or ""
     */
    <T> T run(Attempt<T> attempt, String restart) throws IOException {
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (RegistryException e) {
                if (!e.retryable()) {
                    throw e;
                }
                if (n >= maxAttempts) {
                    throw exhausted(e, n);
                }
                log.info("retrying " + e.method() + " " + e.url() + " after " + e.shortReason() + " (attempt " + (n + 1)
                        + " of " + maxAttempts + ")" + restart);
                sleep(delayMillis(n, e.retryAfterMillis()));
            }
        }
    }

    /** The wait before attempt {@code failed + 1}: Retry-After when given, else exponential backoff with jitter. */
    long delayMillis(int failed, long retryAfterMillis) {
        if (retryAfterMillis >= 0) {
            return Math.min(retryAfterMillis, MAX_RETRY_AFTER.toMillis());
        }
        long backoff = Math.min(baseMillis << Math.min(failed - 1, 20), MAX_BACKOFF.toMillis());
        return backoff + ThreadLocalRandom.current().nextLong(backoff / 4 + 1);
    }

    /** {@code Retry-After} as delay-seconds or an HTTP date, in milliseconds from now; -1 when absent or unreadable. */
    static long parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim()) * 1000);
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, Duration.between(ZonedDateTime.now(when.getZone()), when).toMillis());
            } catch (DateTimeParseException notADate) {
                return -1;
            }
        }
    }

    private static RegistryException exhausted(RegistryException last, int attempts) {
        String what = last.status() > 0 ? "answered " + last.status() : "failed (" + last.explanation() + ")";
        return new RegistryException(last, RegistryException.Kind.UNAVAILABLE, last.registry() + " is unavailable: "
                + last.method() + " " + what + " " + attempts + " times in a row; try again later, or check the"
                + " network and proxy settings");
    }

    private static void sleep(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }
}
