package io.github.dockerlayer.registry;

import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.registry.RegistryHttp.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * Which scheme a registry speaks, found out once by asking {@code GET /v2/} (anonymously) and remembered for the
 * client's life. A loopback host is asked over plain http first (a TLS port answers 400 or resets, and then https is
 * tried); any other host over https, falling back to plain http only with {@code allowInsecure} (or for loopback)
 * when the TLS handshake or the connection fails.
 */
final class SchemeProbe {
    /** A loopback TLS server answers a handshake at once; silence this long means a plain http server. */
    static final Duration LOOPBACK_HANDSHAKE_LIMIT = Duration.ofSeconds(3);

    /** One anonymous {@code GET}; {@code timeout} null means the default wait. */
    @FunctionalInterface
    interface Ping {
        Response get(URI uri, Duration timeout) throws IOException;
    }

    private final String registry;
    private final String authority;
    private final boolean allowInsecure;
    private final boolean httpsFirst;
    private final Ping ping;
    private final Consumer<Response> learn;
    private final BuildLog log;
    private volatile URI base;

    /**
     * @param authority host[:port] to connect to
     * @param httpsFirst false: go straight to http with hosts that may use it (test fakes cannot answer TLS at all)
     * @param learn told the answer of the scheme chosen (its 401 carries the registry's challenge)
     */
    SchemeProbe(
            String registry,
            String authority,
            boolean allowInsecure,
            boolean httpsFirst,
            Ping ping,
            Consumer<Response> learn,
            BuildLog log) {
        this.registry = registry;
        this.authority = authority;
        this.allowInsecure = allowInsecure;
        this.httpsFirst = httpsFirst;
        this.ping = ping;
        this.learn = learn;
        this.log = log;
    }

    /** The registry's root URL; the first call finds out the scheme. */
    URI base() throws IOException {
        URI known = base;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (base == null) {
                base = probe();
            }
            return base;
        }
    }

    /** The root URL if the scheme is known yet, else null; sends nothing. */
    URI known() {
        return base;
    }

    /** Whether plain http may be used with {@code host}: loopback, or allowInsecureRegistries. */
    boolean plainHttpAllowed(String host) {
        return allowInsecure || isLoopback(host);
    }

    private URI probe() throws IOException {
        URI https = URI.create("https://" + authority + "/v2/");
        boolean loopback = isLoopback(https.getHost());
        if (!httpsFirst && plainHttpAllowed(https.getHost())) {
            URI http = URI.create("http://" + authority + "/v2/");
            learn.accept(ping.get(http, null));
            return http.resolve("/");
        }
        if (loopback) {
            // A registry on this machine mostly speaks plain http (a port speaks one or the other), and asking that
            // first saves a TLS attempt on every build. A TLS server answers it with 400 or a reset: then https.
            URI http = URI.create("http://" + authority + "/v2/");
            try {
                Response answer = ping.get(http, LOOPBACK_HANDSHAKE_LIMIT);
                if (answer.status() == 200 || answer.status() == 401) {
                    learn.accept(answer);
                    log.debug(registry + " answers plain http (a loopback address)");
                    return http.resolve("/");
                }
                log.debug(registry + " answered plain http with " + answer.status() + "; trying https");
            } catch (RegistryException e) {
                if (e.refused()) {
                    throw e; // nothing listens on the port: https would be refused as well
                }
                log.debug("plain http with " + registry + " failed (" + e.getCause() + "); trying https");
            }
        }
        try {
            learn.accept(ping.get(https, loopback ? LOOPBACK_HANDSHAKE_LIMIT : null));
            return https.resolve("/");
        } catch (RegistryException e) {
            log.debug("https with " + registry + " failed: " + e.getCause());
            boolean tls =
                    e.getCause() instanceof SSLException || (loopback && e.getCause() instanceof HttpTimeoutException);
            if (!tls && !(e.getCause() instanceof ConnectException)) {
                throw e;
            }
            if (!plainHttpAllowed(https.getHost())) {
                throw tls
                        ? tlsFailure(
                                e,
                                "If this registry only speaks plain http, set <allowInsecureRegistries>"
                                        + " to true; if its certificate comes from a"
                                        + " private CA, add that CA to the JDK's trust store")
                        : e;
            }
            URI http = URI.create("http://" + authority + "/v2/");
            Response answer = ping.get(http, null);
            if (tls && answer.status() != 200 && answer.status() != 401) {
                // not a plain http registry either: an https one whose certificate the JDK does not trust
                throw tlsFailure(
                        e, "If its certificate comes from a private CA, add that CA to the JDK's trust" + " store");
            }
            learn.accept(answer);
            log.debug(registry + " does not speak https, using plain http ("
                    + (loopback ? "a loopback address" : "allowInsecureRegistries") + ")");
            return http.resolve("/");
        }
    }

    private RegistryException tlsFailure(RegistryException e, String advice) {
        return new RegistryException(
                e,
                RegistryException.Kind.UNAVAILABLE,
                "TLS with " + registry + " failed (" + e.getCause().getMessage() + "). " + advice);
    }

    /** localhost, 127.0.0.0/8 and ::1, written as such: no name is resolved. */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        boolean ipv4 = h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!ipv4 && !(h.contains(":") && h.matches("[0-9a-f:.]+"))) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
