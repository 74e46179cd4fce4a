package io.github.dockerlayer.bench.reactor.common;

import org.apache.commons.lang3.StringUtils;

/** Name handling every service shares. */
public final class Names {
    private Names() {}

    /** The name trimmed and capitalized, or "world" when blank; refuses names longer than 64 characters. */
    public static String normalize(String name) {
        if (StringUtils.isBlank(name)) {
            return "world";
        }
        String trimmed = StringUtils.normalizeSpace(name);
        if (trimmed.length() > 64) {
            throw new IllegalArgumentException("a name of at most 64 characters, not " + trimmed.length());
        }
        return StringUtils.capitalize(trimmed);
    }
}
