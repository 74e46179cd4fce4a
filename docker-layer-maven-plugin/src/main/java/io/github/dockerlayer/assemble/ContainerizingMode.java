package io.github.dockerlayer.assemble;

import io.github.dockerlayer.failure.InvalidParameterException;
import java.util.Locale;

/**
 * The {@code containerizingMode} parameter (Jib's name and values): what of the project's own code goes into the app
 * image.
 */
public enum ContainerizingMode {
    /** The output directory as two layers, resources and classes, on the classpath as directories (the default). */
    EXPLODED,
    /** The project's own jar, as maven-jar-plugin built it, as one layer on the classpath: its manifest holds. */
    PACKAGED;

    /** Parses the parameter; null or blank is {@link #EXPLODED}; anything else fails naming the two values. */
    public static ContainerizingMode parse(String value) {
        if (value == null || value.isBlank()) {
            return EXPLODED;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    "containerizingMode",
                    "'" + value.trim() + "' is not one of exploded," + " packaged.",
                    "write exploded (the output directory's resources and classes, the default) or packaged"
                            + " (the project's jar as maven-jar-plugin built it, with its manifest).");
        }
    }
}
