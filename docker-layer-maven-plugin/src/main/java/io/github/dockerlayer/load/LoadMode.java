package io.github.dockerlayer.load;

import io.github.dockerlayer.daemon.DaemonConnection;
import io.github.dockerlayer.daemon.DockerDaemon;
import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.log.BuildLog;
import java.io.IOException;
import java.util.Locale;

/** The {@code load} parameter: whether the image goal loads base and app into the Docker daemon. */
public enum LoadMode {
    /** Never (the default): the build needs no daemon. */
    FALSE,
    /** Always: a daemon that does not answer fails the build. */
    TRUE,
    /** When a daemon answers; else one line says none does, and the build goes on. */
    AUTO;

    /**
     * The daemon this mode asks for: none for {@link #FALSE}; for {@link #AUTO} none either when no daemon answers (one
     * line saying so, {@code doing} saying what is not done); for {@link #TRUE} one, or the failure naming where it was
     * looked for. The policy is {@link DaemonConnection#connect}'s.
     */
    public DockerDaemon connect(DaemonConnection.Connector connector, BuildLog log, String doing) throws IOException {
        return this == FALSE ? null : DaemonConnection.connect(connector, this == AUTO, log, doing);
    }

    /** Parses the parameter; null or blank is {@link #FALSE}. */
    public static LoadMode parse(String value) {
        if (value == null || value.isBlank()) {
            return FALSE;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    "load",
                    "'" + value.trim() + "' is not one of false, true, auto.",
                    "write false (no daemon), true (load, fail when no daemon answers) or auto (load when one answers).");
        }
    }
}
