package io.github.dockerlayer.assemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OnceTest {
    @Test
    void callersAtTheSameTimeShareOneComputation() throws Exception {
        Once once = new Once(Once.newResults());
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return once.get("k", () -> {
                        runs.incrementAndGet();
                        try {
                            Thread.sleep(50); // long enough for the others to arrive while it computes
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                        return "built";
                    });
                }));
            }
            start.countDown();
            for (Future<String> result : results) {
                assertEquals("built", result.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, runs.get());
        assertEquals("other", once.get("k2", () -> "other"), "another key is computed apart");
    }

    @Test
    void aFailureReachesTheCallerAndALaterCallerTriesAgain() throws IOException {
        Once once = new Once(Once.newResults());
        IOException e = assertThrows(
                IOException.class,
                () -> once.get("k", () -> {
                    throw new IOException("registry gone");
                }));
        assertEquals("registry gone", e.getMessage());
        assertEquals("second try", once.get("k", () -> "second try"));
        AtomicInteger runs = new AtomicInteger();
        Once none = Once.none();
        none.get("k", runs::incrementAndGet);
        none.get("k", runs::incrementAndGet);
        assertEquals(2, runs.get(), "Once.none() shares nothing");
    }

    @Test
    void anUncheckedIoFailureArrivesAsItsIoExceptionAndARuntimeOneAsItIs() {
        Once once = new Once(Once.newResults());
        IOException cause = new IOException("disk full");
        IOException io = assertThrows(
                IOException.class,
                () -> once.get("k", () -> {
                    throw new UncheckedIOException(cause);
                }));
        assertEquals(cause, io);
        IllegalStateException bug = new IllegalStateException("bug");
        IllegalStateException runtime = assertThrows(
                IllegalStateException.class,
                () -> once.get("k", () -> {
                    throw bug;
                }));
        assertEquals(bug, runtime);
    }
}
