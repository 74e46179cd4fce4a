package io.github.dockerlayer.load;

import io.github.dockerlayer.failure.InvalidParameterException;
import java.util.Locale;

/** The {@code load} parameter: whether the image goal loads base and app into the Docker daemon. */
public enum LoadMode {
    /** Never (the default): the build needs no daemon. */
    FALSE,
    /** Always: a daemon that does not answer fails the build. */
    TRUE,
    /** When a daemon answers; else one line says none does, and the build goes on. */
    AUTO;

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
