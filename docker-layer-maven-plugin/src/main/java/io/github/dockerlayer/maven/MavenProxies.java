package io.github.dockerlayer.maven;

import io.github.dockerlayer.log.BuildLog;
import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The registry client's proxies, from the active {@code <proxy>} entries of Maven's {@code settings.xml}, so that a
 * build behind a proxy reaches registries as it reaches Maven repositories. The {@link ProxySelector} and
 * {@link Authenticator} are for our own {@link java.net.http.HttpClient} only ({@code HttpClient.Builder.proxy} and
 * {@code .authenticator}); the JVM-wide defaults are left alone, as other plugins in the build share them.
 *
 * <p>Selection follows Maven's resolver: a proxy whose {@code <protocol>} is {@code http} serves {@code http} URIs, one
 * whose protocol is {@code https} serves {@code https} URIs, and when no {@code https} proxy applies the {@code http}
 * one serves {@code https} too (through a CONNECT tunnel). The first active proxy of a protocol counts. A host that
 * matches the proxy's {@code <nonProxyHosts>} ({@code |}-separated patterns, {@code *} any text, case-insensitive,
 * e.g. {@code localhost|*.internal|10.*}) is reached directly, and so is a loopback host ({@code localhost},
 * {@code 127.x.x.x}, {@code ::1}) always, since a registry on this machine is never behind a proxy.
 *
 * <p>The authenticator gives a proxy's (decrypted) {@code <username>} and {@code <password>} to that proxy only, when
 * it answers 407, and never to a registry (which gets its login from the credential chain). Note that the JDK by
 * default sends no Basic credentials to a proxy for an HTTPS tunnel: {@code jdk.http.auth.tunneling.disabledSchemes}
 * is {@code Basic} in its {@code net.properties}. A user whose proxy asks for Basic auth must start Maven with
 * {@code -Djdk.http.auth.tunneling.disabledSchemes=} (empty; in {@code MAVEN_OPTS} or {@code .mvn/jvm.config}: it is
 * read once per JVM, so setting it from the plugin would be too late); {@link #of} warns when that applies.
 */
final class MavenProxies {
    /** The JDK property naming the proxy auth schemes it will not use for HTTPS tunnels. */
    static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

    private static final int DEFAULT_PORT = 8080;

    /**
     * The client's proxy settings.
     *
     * @param selector for {@code HttpClient.Builder.proxy}, or null when there is no active proxy (direct)
     * @param authenticator for {@code HttpClient.Builder.authenticator}, or null when no active proxy has a user name
     */
    record Result(ProxySelector selector, Authenticator authenticator) {
        static final Result NONE = new Result(null, null);
    }

    /** One active proxy, decrypted. {@link #toString()} shows no password. */
    record Entry(
            String id,
            String protocol,
            String host,
            int port,
            String username,
            String password,
            List<Pattern> nonProxyHosts) {
        boolean serves(String host) {
            for (Pattern pattern : nonProxyHosts) {
                if (pattern.matcher(host).matches()) {
                    return false;
                }
            }
            return true;
        }

        boolean hasLogin() {
            return username != null && !username.isEmpty();
        }

        @Override
        public String toString() {
            return protocol + " proxy " + (id == null ? "" : "'" + id + "' ") + host + ":" + port
                    + (hasLogin() ? " as " + username : "");
        }
    }

    private MavenProxies() {}

    /**
     * The proxies of the build's settings; passwords decrypted by Maven's decrypter, whose problems are logged as
     * warnings. Reads the JVM's {@value #TUNNELING_DISABLED_SCHEMES} to warn when Basic proxy auth will not be sent.
     */
    static Result of(Settings settings, SettingsDecrypter decrypter, BuildLog log) {
        List<org.apache.maven.settings.Proxy> proxies = new ArrayList<>();
        if (settings != null && settings.getProxies() != null) {
            for (org.apache.maven.settings.Proxy proxy : settings.getProxies()) {
                if (proxy.isActive()) {
                    proxies.add(proxy);
                }
            }
        }
        if (proxies.isEmpty()) {
            return Result.NONE;
        }
        proxies = SettingsDecryption.decrypt(
                decrypter,
                proxies,
                new DefaultSettingsDecryptionRequest().setProxies(proxies),
                SettingsDecryptionResult::getProxies,
                log);
        return fromDecrypted(proxies, System.getProperty(TUNNELING_DISABLED_SCHEMES), log);
    }

    /**
     * The selector and authenticator for these proxies, already decrypted; inactive ones are skipped.
     *
     * @param tunnelingDisabledSchemes the value of {@value #TUNNELING_DISABLED_SCHEMES}, null when unset (then the
     *     JDK's default, {@code Basic}, applies)
     */
    static Result fromDecrypted(
            List<org.apache.maven.settings.Proxy> proxies, String tunnelingDisabledSchemes, BuildLog log) {
        List<Entry> entries = new ArrayList<>();
        for (org.apache.maven.settings.Proxy proxy : proxies) {
            if (!proxy.isActive()) {
                continue;
            }
            String protocol = proxy.getProtocol() == null || proxy.getProtocol().isBlank()
                    ? "http"
                    : proxy.getProtocol().strip().toLowerCase(Locale.ROOT);
            String host = proxy.getHost() == null ? "" : proxy.getHost().strip();
            if (host.isEmpty()) {
                log.warn("settings.xml <proxy> '" + proxy.getId() + "' has no <host>; not using it for registries.");
                continue;
            }
            if (!protocol.equals("http") && !protocol.equals("https")) {
                log.warn("settings.xml <proxy> '" + proxy.getId() + "' is for protocol '" + protocol
                        + "'; registries are reached over http and https only, so it is not used for them.");
                continue;
            }
            entries.add(new Entry(
                    proxy.getId(),
                    protocol,
                    host,
                    proxy.getPort() > 0 ? proxy.getPort() : DEFAULT_PORT,
                    proxy.getUsername(),
                    proxy.getPassword(),
                    patterns(proxy.getNonProxyHosts())));
        }
        if (entries.isEmpty()) {
            return Result.NONE;
        }
        Selector selector = new Selector(entries);
        boolean anyLogin = entries.stream().anyMatch(Entry::hasLogin);
        if (anyLogin && basicDisabled(tunnelingDisabledSchemes)) {
            Entry https = selector.choose("https", null);
            if (https != null && https.hasLogin()) {
                log.warn("The " + https + " from settings.xml has a login, but Java sends no Basic proxy credentials"
                        + " through an HTTPS tunnel (" + TUNNELING_DISABLED_SCHEMES + " is "
                        + (tunnelingDisabledSchemes == null ? "Basic by default" : "'" + tunnelingDisabledSchemes + "'")
                        + "). If the proxy asks for Basic auth, run Maven with -D" + TUNNELING_DISABLED_SCHEMES
                        + "= (in MAVEN_OPTS or .mvn/jvm.config).");
            }
        }
        return new Result(selector, anyLogin ? new ProxyAuthenticator(entries) : null);
    }

    private static boolean basicDisabled(String schemes) {
        if (schemes == null) {
            return true;
        }
        for (String scheme : schemes.split(",")) {
            if (scheme.strip().equalsIgnoreCase("basic")) {
                return true;
            }
        }
        return false;
    }

    /** Maven's {@code nonProxyHosts}: {@code |}-separated (commas accepted too), {@code *} for any text. */
    static List<Pattern> patterns(String nonProxyHosts) {
        List<Pattern> patterns = new ArrayList<>();
        if (nonProxyHosts == null) {
            return patterns;
        }
        for (String part : nonProxyHosts.split("[|,]")) {
            String glob = part.strip();
            if (glob.isEmpty()) {
                continue;
            }
            String regex =
                    Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
            patterns.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        return patterns;
    }

    /** Whether {@code host} (from a URI: IPv6 in brackets or not) is this machine. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost")
                || h.endsWith(".localhost")
                || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127(\\.\\d{1,3}){3}");
    }

    private static final class Selector extends ProxySelector {
        private final List<Entry> entries;

        Selector(List<Entry> entries) {
            this.entries = List.copyOf(entries);
        }

        @Override
        public List<Proxy> select(URI uri) {
            if (uri == null) {
                throw new IllegalArgumentException("uri is null");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String protocol = switch (scheme) {
                case "http", "ws" -> "http";
                case "https", "wss" -> "https";
                default -> null;
            };
            String host = uri.getHost();
            if (protocol == null || host == null || isLoopback(host)) {
                return List.of(Proxy.NO_PROXY);
            }
            Entry entry = choose(protocol, host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            if (entry == null) {
                return List.of(Proxy.NO_PROXY);
            }
            // Unresolved: the client resolves the proxy's name when it connects, not when a selector is built.
            return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(entry.host(), entry.port())));
        }

        /** The proxy for a URI of this protocol and host (null: any host), or null for direct. */
        Entry choose(String protocol, String host) {
            Entry http = null;
            Entry https = null;
            for (Entry entry : entries) {
                if (host != null && !entry.serves(host)) {
                    continue;
                }
                if (entry.protocol().equals("http") && http == null) {
                    http = entry;
                } else if (entry.protocol().equals("https") && https == null) {
                    https = entry;
                }
            }
            return protocol.equals("https") ? (https != null ? https : http) : http;
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException failure) {
            // Nothing to learn: the client reports the failure.
        }

        @Override
        public String toString() {
            return "MavenProxies" + entries;
        }
    }

    /** Answers only proxies' 407 challenges, and only the proxy the login belongs to. */
    private static final class ProxyAuthenticator extends Authenticator {
        private final List<Entry> entries;

        ProxyAuthenticator(List<Entry> entries) {
            this.entries = List.copyOf(entries);
        }

        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
            if (getRequestorType() != RequestorType.PROXY) {
                return null;
            }
            String host = getRequestingHost();
            for (Entry entry : entries) {
                if (entry.hasLogin() && entry.host().equalsIgnoreCase(host) && entry.port() == getRequestingPort()) {
                    String password = entry.password() == null ? "" : entry.password();
                    return new PasswordAuthentication(entry.username(), password.toCharArray());
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return "MavenProxies.Authenticator" + entries;
        }
    }
}
