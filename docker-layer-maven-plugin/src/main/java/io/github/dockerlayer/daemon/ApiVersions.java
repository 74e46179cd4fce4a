package io.github.dockerlayer.daemon;

/**
 * The Engine API version to speak: the lower of the daemon's own and the newest this plugin is tested against, but
 * never below the daemon's minimum (Docker 29.0 to 29.2 refuse anything under 1.44). A fixed version would break on
 * old daemons (20.10 speaks 1.41) or on new ones that dropped it.
 */
public final class ApiVersions {
    /** The newest Engine API version the plugin is tested against (Docker 26). */
    public static final String NEWEST_TESTED = "1.45";

    private ApiVersions() {}

    /**
     * @param daemonVersion the daemon's {@code ApiVersion} from {@code /version}
     * @param daemonMinimum its {@code MinAPIVersion}, or null when it does not say
     */
    public static String negotiate(String daemonVersion, String daemonMinimum) {
        if (daemonVersion == null || daemonVersion.isBlank()) {
            return daemonMinimum != null && !daemonMinimum.isBlank() && compare(daemonMinimum, NEWEST_TESTED) > 0
                    ? daemonMinimum.trim()
                    : NEWEST_TESTED;
        }
        String chosen = compare(daemonVersion, NEWEST_TESTED) < 0 ? daemonVersion.trim() : NEWEST_TESTED;
        if (daemonMinimum != null && !daemonMinimum.isBlank() && compare(chosen, daemonMinimum) < 0) {
            chosen = daemonMinimum.trim(); // a daemon newer than anything tested that no longer speaks NEWEST_TESTED
        }
        return chosen;
    }

    /** Compares {@code major.minor} versions numerically (1.9 &lt; 1.41). */
    static int compare(String a, String b) {
        int[] x = parse(a);
        int[] y = parse(b);
        return x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(x[1], y[1]);
    }

    private static int[] parse(String version) {
        String[] parts = version.trim().split("\\.");
        try {
            return new int[] {Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an API version: '" + version + "'");
        }
    }
}
