package io.github.dockerlayer.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235): a scheme and its parameters, e.g.
 * {@code Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a:pull"}.
 *
 * @param scheme the scheme in lower case: {@code basic}, {@code bearer}, ...
 * @param params the parameters, names in lower case, values unquoted
 */
record Challenge(String scheme, Map<String, String> params) {

    Challenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        params = Map.copyOf(params);
    }

    boolean isBasic() {
        return "basic".equals(scheme);
    }

    /** A Bearer challenge with the realm it needs. */
    boolean isBearer() {
        return "bearer".equals(scheme) && params.containsKey("realm");
    }

    String realm() {
        return params.get("realm");
    }

    /** The {@code service} parameter, or null. */
    String service() {
        return params.get("service");
    }

    /** The scopes asked for: the {@code scope} parameter may hold several, separated by spaces. */
    List<String> scopes() {
        String scope = params.get("scope");
        return scope == null || scope.isBlank()
                ? List.of()
                : Arrays.asList(scope.trim().split("\\s+"));
    }

    /** The {@code error} parameter (RFC 6750), e.g. {@code insufficient_scope}, or null. */
    String error() {
        return params.get("error");
    }

    /**
     * The challenge this client answers among all {@code WWW-Authenticate} values: Bearer before Basic; null when there
     * is neither.
     */
    static Challenge choose(List<String> headerValues) {
        Challenge basic = null;
        for (String value : headerValues) {
            for (Challenge challenge : parse(value)) {
                if (challenge.isBearer()) {
                    return challenge;
                }
                if (challenge.isBasic() && basic == null) {
                    basic = challenge;
                }
            }
        }
        return basic;
    }

    /**
     * Parses one header value, which may hold several challenges ({@code Bearer realm="a", Basic realm="b"}). Quoted
     * values may contain commas, spaces and backslash escapes. Malformed parts are skipped, never thrown about: a
     * registry's odd header must not hide its status code.
     */
    static List<Challenge> parse(String header) {
        List<Challenge> result = new ArrayList<>();
        if (header == null) {
            return result;
        }
        String scheme = null;
        Map<String, String> params = new LinkedHashMap<>();
        int i = 0;
        int n = header.length();
        while (i < n) {
            i = skip(header, i, " \t,");
            int start = i;
            while (i < n && " \t,=".indexOf(header.charAt(i)) < 0) {
                i++;
            }
            String token = header.substring(start, i);
            if (token.isEmpty()) {
                i++; // a stray '=' (token68 padding)
                continue;
            }
            int afterSpace = skip(header, i, " \t");
            if (afterSpace < n && header.charAt(afterSpace) == '=' && scheme != null) {
                i = skip(header, afterSpace + 1, " \t");
                StringBuilder value = new StringBuilder();
                if (i < n && header.charAt(i) == '"') {
                    i++;
                    while (i < n && header.charAt(i) != '"') {
                        if (header.charAt(i) == '\\' && i + 1 < n) {
                            i++;
                        }
                        value.append(header.charAt(i++));
                    }
                    i++; // the closing quote
                } else {
                    while (i < n && " \t,".indexOf(header.charAt(i)) < 0) {
                        value.append(header.charAt(i++));
                    }
                }
                params.put(token.toLowerCase(Locale.ROOT), value.toString());
            } else {
                if (scheme != null) {
                    result.add(new Challenge(scheme, params));
                }
                scheme = token;
                params = new LinkedHashMap<>();
            }
        }
        if (scheme != null) {
            result.add(new Challenge(scheme, params));
        }
        return result;
    }

    private static int skip(String s, int i, String chars) {
        while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }
}
