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
 *
 * <p>A refused connection (nothing listens at the address) is tried again only briefly, enough for a registry that
 * restarts: at most {@link #REFUSED_RETRIES} more times, waiting {@code base}/2, {@code base}, 2 {@code base} (1.75 s
 * in all by default). Then the registry is taken as absent for the rest of the build: this policy belongs to one
 * client, which the build shares between its goals and modules, and every later attempt through it fails at once with
 * the same failure, sending nothing.
 */
final class Retry {
    static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504);
    static final Duration DEFAULT_BASE = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
    /** How often a refused connection is tried again, at most (within {@code maxAttempts}). */
    static final int REFUSED_RETRIES = 3;

    /** One attempt; a {@link RegistryException} that is {@link RegistryException#retryable()} asks for another. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws IOException;
    }

    private final int maxAttempts;
    private final long baseMillis;
    private final BuildLog log;
    /** The refusal that ended the brief retries, or null: once set, every attempt fails with it without being made. */
    private volatile RegistryException refusal;

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
        int refusals = 0;
        for (int n = 1; ; n++) {
            failIfRefused(); // checked before each attempt: another thread may have given up meanwhile
            try {
                return attempt.run();
            } catch (RegistryException e) {
                if (!e.retryable()) {
                    throw e;
                }
                if (e.refused()) {
                    if (++refusals > REFUSED_RETRIES || n >= maxAttempts) {
                        throw giveUp(e);
                    }
                    log.debug("retrying " + e.method() + " " + e.url() + " after connection refused (attempt " + (n + 1)
                            + ")" + restart);
                    sleep(refusedDelayMillis(refusals));
                    continue;
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

    /**
     * Fails with the refusal that made this client give up on its registry, if one did; a new exception each time
     * (the caller's stack), with the same message.
     */
    void failIfRefused() throws RegistryException {
        RegistryException known = refusal;
        if (known != null) {
            throw known.settled();
        }
    }

    /** The wait after the {@code refusals}-th refused connection of one operation: base/2, base, 2 base. */
    long refusedDelayMillis(int refusals) {
        return (baseMillis / 2) << Math.min(refusals - 1, 20);
    }

    /** Remembers the refusal for the client's life (the first one, when threads give up at once) and returns it. */
    private RegistryException giveUp(RegistryException last) {
        RegistryException settled = last.settled();
        synchronized (this) {
            if (refusal == null) {
                refusal = settled;
            }
        }
        return settled;
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
                return Math.max(
                        0,
                        Duration.between(ZonedDateTime.now(when.getZone()), when)
                                .toMillis());
            } catch (DateTimeParseException notADate) {
                return -1;
            }
        }
    }

    private static RegistryException exhausted(RegistryException last, int attempts) {
        String what = last.status() > 0 ? "answered " + last.status() : "failed (" + last.explanation() + ")";
        return new RegistryException(
                last,
                RegistryException.Kind.UNAVAILABLE,
                last.registry() + " is unavailable: "
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
