package io.github.dockerlayer.bench.service;

import com.google.common.base.CharMatcher;
import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import java.util.Collection;
import java.util.Locale;
import org.apache.commons.collections4.CollectionUtils;

/** Rules for the names the service greets. */
final class Names {
    private static final Splitter WORDS = Splitter.on(CharMatcher.whitespace()).omitEmptyStrings().trimResults();
    private static final CharMatcher ALLOWED = CharMatcher.inRange('a', 'z').or(CharMatcher.anyOf(" -'"));

    private Names() {}

    /** Lower case, single spaces, letters and a few punctuation marks only. */
    static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return "world";
        }
        ImmutableList<String> words = ImmutableList.copyOf(WORDS.split(raw.toLowerCase(Locale.ROOT)));
        return ALLOWED.retainFrom(String.join(" ", words));
    }

    /** Whether any word of {@code name} is blocked. */
    static boolean isBlocked(String name, Collection<String> blocked) {
        return CollectionUtils.containsAny(WORDS.splitToList(name), blocked);
    }
}
