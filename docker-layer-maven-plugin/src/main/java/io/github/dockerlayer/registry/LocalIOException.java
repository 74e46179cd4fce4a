package io.github.dockerlayer.registry;

import java.io.IOException;

/**
 * A failure on this side of the connection: reading the caller's blob content or writing to the caller's target. It
 * is never retried (another attempt would read the same broken file) and never blamed on the registry.
 */
final class LocalIOException extends IOException {
    private static final long serialVersionUID = 1L;

    LocalIOException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The first {@code LocalIOException} in {@code failure}'s cause chain, or null. */
    static LocalIOException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LocalIOException local) {
                return local;
            }
        }
        return null;
    }
}
