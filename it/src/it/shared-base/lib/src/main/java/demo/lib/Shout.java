package demo.lib;

import org.apache.commons.lang3.StringUtils;

public final class Shout {
    private Shout() {}

    public static String of(String text) {
        return StringUtils.upperCase(text);
    }
}
