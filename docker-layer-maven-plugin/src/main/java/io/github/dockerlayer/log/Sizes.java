package io.github.dockerlayer.log;

import java.util.Locale;

/** Byte counts for people: 812 B, 4.2 kB, 61.0 MB. */
public final class Sizes {
    private Sizes() {}

    public static String human(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
