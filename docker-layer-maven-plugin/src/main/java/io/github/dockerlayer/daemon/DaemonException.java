package io.github.dockerlayer.daemon;

import java.io.IOException;

/** The daemon could not be reached, or refused or failed a request; the message says which daemon and what it said. */
public final class DaemonException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** No daemon answered at the endpoint. */
        UNREACHABLE,
        /** The daemon answered with an error (an HTTP status, or an error inside a 200 answer). */
        REFUSED
    }

    private final Kind kind;

    public DaemonException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
