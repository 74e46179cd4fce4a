package io.github.dockerlayer.report;

import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.log.Sizes;
import io.github.dockerlayer.record.BuiltImage;
import io.github.dockerlayer.record.BuiltLayer;

/**
 * The per-layer tables of the log: the build's and the diff's (role, size, digest, status) and the push's (role,
 * size, digest, what the push did, bytes sent). {@link #LOCK} keeps the lines of one table together when modules are
 * built in parallel ({@code mvn -T}).
 */
public final class LayerTable {
    /** Held while a table is logged, so that the tables of modules built in parallel do not interleave line by line. */
    public static final Object LOCK = new Object();

    private static final String ROW = "  %-22s %10s  %-19s  %s";
    private static final String PUSH_ROW = "  %-22s %10s  %-19s  %-9s %10s";

    private LayerTable() {}

    /** The heading of a build's or a diff's table. */
    public static String header() {
        return row("LAYER", "SIZE", "DIGEST", "STATUS");
    }

    /** A row of a build's or a diff's table; {@code size} already in words ({@link Sizes#human}), or empty. */
    public static String row(String role, String size, String digest, String status) {
        return String.format(ROW, role, size, digest, status);
    }

    /** The heading of a push's table. */
    public static String pushHeader() {
        return pushRow("LAYER", "SIZE", "DIGEST", "PUSH", "SENT");
    }

    /** A row of a push's table; {@code size} and {@code sent} already in words, or empty. */
    public static String pushRow(String role, String size, String digest, String push, String sent) {
        return String.format(PUSH_ROW, role, size, digest, push, sent);
    }

    /** Logs a table of the image's layers: role, size, digest, and what this build did to get it. */
    public static void log(BuildLog log, String title, BuiltImage built) {
        synchronized (LOCK) {
            log.info(title + " " + built.reference() + " " + built.manifest().digest());
            if (built.tags().size() > 1) {
                log.info("  also tagged: "
                        + String.join(", ", built.tags().subList(1, built.tags().size())));
            }
            log.info(header());
            for (BuiltLayer layer : built.layers()) {
                log.info(row(
                        layer.role().label(),
                        Sizes.human(layer.layer().size()),
                        layer.layer().digest().toShortString(),
                        layer.status().label()));
            }
        }
    }
}
