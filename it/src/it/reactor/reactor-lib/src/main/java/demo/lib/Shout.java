package demo.lib;

import org.apache.commons.lang3.StringUtils;

/** The library module: no main method. */
public final class Shout {
    private Shout() {}

    public static String shout(String text) {
        return StringUtils.upperCase(text) + "!";
    }
}
