package io.github.dockerlayer.layout;

import java.nio.file.Path;

/**
 * An {@code oci:PATH[:TAG]} reference to an image in an OCI layout on disk, as {@code from} and {@code diffAgainst}
 * take it (skopeo's {@code oci:} transport spells it the same way).
 *
 * @param directory the layout's directory, resolved against the project directory
 * @param tag the image's ref name, or null when none was given
 */
public record LayoutReference(Path directory, String tag) {
    /** The prefix that marks such a reference. */
    public static final String PREFIX = "oci:";

    /** Parses {@code oci:PATH[:TAG]}; a colon inside the path (before its last '/') is part of the path. */
    public static LayoutReference parse(String spec, Path baseDirectory) {
        String rest = spec.substring(PREFIX.length());
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > 0 && rest.indexOf('/', colon) < 0) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        return new LayoutReference(baseDirectory.resolve(rest).normalize(), tag);
    }
}
