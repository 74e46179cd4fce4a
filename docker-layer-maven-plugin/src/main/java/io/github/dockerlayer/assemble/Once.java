package io.github.dockerlayer.assemble;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Work done once per Maven build however many modules ask for it, also when they ask at the same time
 * ({@code mvn -T}): the first caller of a key computes, the others wait for its result (or its failure). Used for
 * what several services of a reactor share: the layers of a shared base, and its push.
 */
public final class Once {
    private final ConcurrentMap<String, CompletableFuture<Object>> results;

    /** Backed by {@code results}, a map that lives as long as the build (the Maven session's data). */
    public Once(ConcurrentMap<String, CompletableFuture<Object>> results) {
        this.results = results;
    }

    /** Each caller its own: nothing is shared. */
    public static Once none() {
        return new Once(null);
    }

    /** Something to compute. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws IOException;
    }

    /** The result for {@code key}: computed now by this caller, or the one another caller computed or is computing. */
    @SuppressWarnings("unchecked")
    public <T> T get(String key, Work<T> work) throws IOException {
        if (results == null) {
            return work.run();
        }
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> existing = results.putIfAbsent(key, mine);
        if (existing == null) {
            try {
                mine.complete(work.run());
            } catch (IOException | RuntimeException e) {
                mine.complete(new Failure(e));
                results.remove(key, mine); // a later caller may try again
            }
        }
        Object result = (existing == null ? mine : existing).join();
        if (result instanceof Failure failure) {
            throw failure.rethrow();
        }
        return (T) result;
    }

    /** How the work failed: kept as a result, so that every caller gets the very exception the work threw. */
    private record Failure(Exception exception) {
        /** Throws the work's exception (an {@link UncheckedIOException} as its {@link IOException}). */
        IOException rethrow() throws IOException {
            if (exception instanceof UncheckedIOException unchecked) {
                throw unchecked.getCause();
            }
            if (exception instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (IOException) exception;
        }
    }

    /** A fresh map for a build. */
    public static ConcurrentMap<String, CompletableFuture<Object>> newResults() {
        return new ConcurrentHashMap<>();
    }
}
