package io.github.dockerlayer.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.log.BuildLog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

class MavenProxiesTest {
    @TempDir
    Path temp;

    final List<String> warnings = new ArrayList<>();
    final BuildLog log = new BuildLog() {
        @Override
        public void info(String line) {}

        @Override
        public void warn(String line) {
            warnings.add(line);
        }
    };

    static org.apache.maven.settings.Proxy proxy(String id, String protocol, String host, int port) {
        org.apache.maven.settings.Proxy proxy = new org.apache.maven.settings.Proxy();
        proxy.setId(id);
        proxy.setProtocol(protocol);
        proxy.setHost(host);
        proxy.setPort(port);
        return proxy;
    }

    static org.apache.maven.settings.Proxy withLogin(
            org.apache.maven.settings.Proxy proxy, String user, String password) {
        proxy.setUsername(user);
        proxy.setPassword(password);
        return proxy;
    }

    static org.apache.maven.settings.Proxy nonProxy(org.apache.maven.settings.Proxy proxy, String hosts) {
        proxy.setNonProxyHosts(hosts);
        return proxy;
    }

    private MavenProxies.Result of(org.apache.maven.settings.Proxy... proxies) {
        return MavenProxies.fromDecrypted(List.of(proxies), "", log);
    }

    /** Where the selector sends {@code uri}: "host:port", or "DIRECT". */
    private static String route(MavenProxies.Result result, String uri) {
        List<Proxy> proxies = result.selector().select(URI.create(uri));
        assertEquals(1, proxies.size(), proxies.toString());
        Proxy proxy = proxies.get(0);
        if (proxy.type() == Proxy.Type.DIRECT) {
            return "DIRECT";
        }
        assertEquals(Proxy.Type.HTTP, proxy.type());
        InetSocketAddress address = (InetSocketAddress) proxy.address();
        return address.getHostString() + ":" + address.getPort();
    }

    @Test
    void noActiveProxyIsNone() {
        assertEquals(MavenProxies.Result.NONE, of());
        org.apache.maven.settings.Proxy inactive = proxy("off", "http", "proxy.corp", 3128);
        inactive.setActive(false);
        MavenProxies.Result result = of(inactive);
        assertNull(result.selector());
        assertNull(result.authenticator());
        assertEquals(MavenProxies.Result.NONE, MavenProxies.of(new Settings(), null, log));
        assertEquals(MavenProxies.Result.NONE, MavenProxies.of(null, null, log));
    }

    @Test
    void proxyPerScheme() {
        MavenProxies.Result result =
                of(proxy("plain", "http", "http-proxy.corp", 3128), proxy("tls", "https", "https-proxy.corp", 3129));
        assertEquals("http-proxy.corp:3128", route(result, "http://registry.example.com/v2/"));
        assertEquals("https-proxy.corp:3129", route(result, "https://registry.example.com/v2/"));
        assertEquals("DIRECT", route(result, "ftp://registry.example.com/"));
    }

    @Test
    void httpProxyServesHttpsWhenThereIsNoHttpsProxy() {
        MavenProxies.Result result = of(proxy("plain", "HTTP", "proxy.corp", 3128));
        assertEquals("proxy.corp:3128", route(result, "https://registry.example.com/v2/"));
        assertEquals("proxy.corp:3128", route(result, "http://registry.example.com/v2/"));
    }

    @Test
    void httpsProxyDoesNotServeHttp() {
        MavenProxies.Result result = of(proxy("tls", "https", "proxy.corp", 3129));
        assertEquals("DIRECT", route(result, "http://registry.example.com/v2/"));
        assertEquals("proxy.corp:3129", route(result, "https://registry.example.com/v2/"));
    }

    @Test
    void firstActiveProxyOfAProtocolCounts() {
        org.apache.maven.settings.Proxy off = proxy("off", "http", "off.corp", 1);
        off.setActive(false);
        MavenProxies.Result result = of(off, proxy("a", "http", "a.corp", 2), proxy("b", "http", "b.corp", 3));
        assertEquals("a.corp:2", route(result, "https://registry.example.com/v2/"));
    }

    @Test
    void defaultProtocolIsHttp() {
        MavenProxies.Result result = of(proxy("p", null, "proxy.corp", 3128));
        assertEquals("proxy.corp:3128", route(result, "https://registry.example.com/v2/"));
    }

    @Test
    void nonProxyHostsWildcardsAndCase() {
        MavenProxies.Result result = of(nonProxy(
                proxy("p", "http", "proxy.corp", 3128), "*.internal| registry.LOCAL |10.*|mirror-*.example.com"));
        assertEquals("DIRECT", route(result, "https://harbor.internal/v2/"));
        assertEquals("DIRECT", route(result, "https://a.b.INTERNAL:5000/v2/"));
        assertEquals("DIRECT", route(result, "https://Registry.Local/v2/"));
        assertEquals("DIRECT", route(result, "https://10.1.2.3:5000/v2/"));
        assertEquals("DIRECT", route(result, "https://mirror-eu.example.com/v2/"));
        assertEquals("proxy.corp:3128", route(result, "https://internal/v2/"), "'*.internal' needs a dot before");
        assertEquals(
                "proxy.corp:3128", route(result, "https://registry.local.evil.com/v2/"), "patterns match whole hosts");
        assertEquals("proxy.corp:3128", route(result, "https://110.1.2.3/v2/"));
        assertEquals("proxy.corp:3128", route(result, "https://ghcr.io/v2/"));
    }

    @Test
    void nonProxyHostsAcceptCommas() {
        MavenProxies.Result result = of(nonProxy(proxy("p", "http", "proxy.corp", 3128), "a.example,b.example"));
        assertEquals("DIRECT", route(result, "https://b.example/v2/"));
        assertEquals("proxy.corp:3128", route(result, "https://c.example/v2/"));
    }

    @Test
    void nonProxyHostsOfTheHttpsProxyLetTheHttpProxyServe() {
        // As Maven's resolver: the https proxy excludes the host, so the http proxy is the candidate for https.
        MavenProxies.Result result = of(
                proxy("plain", "http", "http-proxy.corp", 3128),
                nonProxy(proxy("tls", "https", "https-proxy.corp", 3129), "*.example.com"));
        assertEquals("http-proxy.corp:3128", route(result, "https://registry.example.com/v2/"));
        assertEquals("https-proxy.corp:3129", route(result, "https://ghcr.io/v2/"));
    }

    @Test
    void loopbackIsAlwaysDirect() {
        MavenProxies.Result result = of(proxy("p", "http", "proxy.corp", 3128));
        for (String uri : List.of(
                "http://127.0.0.1:5001/v2/",
                "https://localhost:5000/v2/",
                "http://LOCALHOST/v2/",
                "http://[::1]:5000/v2/",
                "http://127.1.2.3/v2/",
                "http://registry.localhost/v2/")) {
            assertEquals("DIRECT", route(result, uri), uri);
        }
        assertEquals("proxy.corp:3128", route(result, "http://127.0.0.1.nip.io/v2/"));
    }

    @Test
    void proxyAddressIsResolvedByTheClientNotTheSelector() {
        // localhost always resolves: a selector that resolved would hand out a resolved address.
        InetSocketAddress address = (InetSocketAddress) of(proxy("p", "http", "localhost", 3128))
                .selector()
                .select(URI.create("https://ghcr.io/v2/"))
                .get(0)
                .address();
        assertTrue(address.isUnresolved());
        assertEquals("localhost", address.getHostString());
    }

    @Test
    void unusableProxiesAreSkippedWithAWarning() {
        MavenProxies.Result result = of(proxy("socks", "socks5", "socks.corp", 1080), proxy("nohost", "http", null, 1));
        assertEquals(MavenProxies.Result.NONE, result);
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("'socks'") && warnings.get(0).contains("socks5"), warnings.get(0));
        assertTrue(warnings.get(1).contains("'nohost' has no <host>"), warnings.get(1));
    }

    @Test
    void noLoginNoAuthenticator() {
        assertNull(of(proxy("p", "http", "proxy.corp", 3128)).authenticator());
    }

    @Test
    void authenticatorAnswersOnlyTheProxy() throws Exception {
        Authenticator authenticator = of(withLogin(proxy("p", "http", "proxy.corp", 3128), "jdoe", "pr0xy"))
                .authenticator();
        assertNotNull(authenticator);
        URL url = URI.create("https://registry.example.com/v2/").toURL();
        PasswordAuthentication answer = authenticator.requestPasswordAuthenticationInstance(
                "proxy.corp", null, 3128, "http", "corp", "basic", url, Authenticator.RequestorType.PROXY);
        assertNotNull(answer);
        assertEquals("jdoe", answer.getUserName());
        assertArrayEquals("pr0xy".toCharArray(), answer.getPassword());
        assertNull(
                authenticator.requestPasswordAuthenticationInstance(
                        "registry.example.com",
                        null,
                        443,
                        "https",
                        "registry",
                        "basic",
                        url,
                        Authenticator.RequestorType.SERVER),
                "a registry never gets the proxy login");
        assertNull(
                authenticator.requestPasswordAuthenticationInstance(
                        "proxy.corp", null, 3128, "http", "corp", "basic", url, Authenticator.RequestorType.SERVER),
                "a server at the proxy's address neither");
        assertNull(
                authenticator.requestPasswordAuthenticationInstance(
                        "other-proxy.corp",
                        null,
                        3128,
                        "http",
                        "corp",
                        "basic",
                        url,
                        Authenticator.RequestorType.PROXY),
                "another proxy does not get it");
        assertNull(authenticator.requestPasswordAuthenticationInstance(
                "proxy.corp", null, 8080, "http", "corp", "basic", url, Authenticator.RequestorType.PROXY));
    }

    @Test
    void eachProxyGetsItsOwnLogin() throws Exception {
        Authenticator authenticator = of(
                        withLogin(proxy("a", "http", "a.corp", 1), "ua", "pa"),
                        withLogin(proxy("b", "https", "b.corp", 2), "ub", "pb"))
                .authenticator();
        URL url = URI.create("https://registry.example.com/v2/").toURL();
        assertEquals(
                "ub",
                authenticator
                        .requestPasswordAuthenticationInstance(
                                "b.corp", null, 2, "http", "r", "basic", url, Authenticator.RequestorType.PROXY)
                        .getUserName());
        assertEquals(
                "ua",
                authenticator
                        .requestPasswordAuthenticationInstance(
                                "A.CORP", null, 1, "http", "r", "basic", url, Authenticator.RequestorType.PROXY)
                        .getUserName());
    }

    @Test
    void noPasswordInToString() {
        MavenProxies.Result result = of(withLogin(proxy("p", "http", "proxy.corp", 3128), "jdoe", "pr0xy"));
        String text = result + " " + result.selector() + " " + result.authenticator();
        assertTrue(text.contains("proxy.corp:3128"), text);
        assertTrue(text.contains("jdoe"), text);
        assertFalse(text.contains("pr0xy"), text);
    }

    @Test
    void warnsWhenJavaWillNotSendBasicThroughATunnel() {
        org.apache.maven.settings.Proxy login = withLogin(proxy("p", "http", "proxy.corp", 3128), "jdoe", "pr0xy");
        MavenProxies.fromDecrypted(List.of(login), null, log);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("-Djdk.http.auth.tunneling.disabledSchemes="), warnings.get(0));
        assertFalse(warnings.get(0).contains("pr0xy"), warnings.get(0));
        warnings.clear();
        MavenProxies.fromDecrypted(List.of(login), "Basic,Digest", log);
        assertEquals(1, warnings.size(), warnings.toString());
        warnings.clear();
        MavenProxies.fromDecrypted(List.of(login), "", log);
        MavenProxies.fromDecrypted(List.of(login), "Digest", log);
        MavenProxies.fromDecrypted(List.of(proxy("p", "http", "proxy.corp", 3128)), null, log);
        assertEquals(List.of(), warnings);
    }

    @Test
    void encryptedProxyPasswordIsDecrypted() throws Exception {
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        Path security = temp.resolve("settings-security.xml");
        Files.writeString(
                security,
                "<settingsSecurity><master>"
                        + cipher.encryptAndDecorate("master", DefaultSecDispatcher.SYSTEM_PROPERTY_SEC_LOCATION)
                        + "</master></settingsSecurity>");
        Settings settings = new Settings();
        settings.addProxy(withLogin(
                proxy("p", "http", "proxy.corp", 3128), "jdoe", cipher.encryptAndDecorate("pr0xy", "master")));
        MavenProxies.Result result = MavenProxies.of(
                settings,
                new DefaultSettingsDecrypter(new DefaultSecDispatcher(cipher, Map.of(), security.toString())),
                log);
        PasswordAuthentication answer = result.authenticator()
                .requestPasswordAuthenticationInstance(
                        "proxy.corp",
                        null,
                        3128,
                        "http",
                        "corp",
                        "basic",
                        URI.create("https://ghcr.io/v2/").toURL(),
                        Authenticator.RequestorType.PROXY);
        assertArrayEquals("pr0xy".toCharArray(), answer.getPassword());
    }

    /**
     * The real HTTP client through a fake proxy on loopback: the request for a (never resolved) registry host goes to
     * the proxy, which answers 407 until it is sent the proxy login.
     */
    @Test
    void httpClientGoesThroughTheProxyWithItsLogin() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        String expected = "Basic " + Base64.getEncoder().encodeToString("jdoe:pr0xy".getBytes(StandardCharsets.UTF_8));
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread proxyThread = new Thread(() -> serveProxy(server, expected, seen), "fake-proxy");
            proxyThread.setDaemon(true);
            proxyThread.start();
            MavenProxies.Result result =
                    of(withLogin(proxy("p", "http", "localhost", server.getLocalPort()), "jdoe", "pr0xy"));
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .proxy(result.selector())
                    .authenticator(result.authenticator())
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://registry.example.test/v2/"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), seen.toString());
            assertEquals("via proxy", response.body());
            assertEquals(2, seen.size(), seen.toString());
            assertEquals("GET http://registry.example.test/v2/ HTTP/1.1 without login", seen.get(0));
            assertEquals("GET http://registry.example.test/v2/ HTTP/1.1 with login", seen.get(1));
        }
    }

    /** Answers up to 4 connections: 407 without the expected Proxy-Authorization, else 200. */
    private static void serveProxy(ServerSocket server, String expected, List<String> seen) {
        try {
            server.setSoTimeout(15_000);
            for (int i = 0; i < 4; i++) {
                try (Socket socket = server.accept()) {
                    socket.setSoTimeout(10_000);
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                    String requestLine = in.readLine();
                    boolean authorized = false;
                    for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                        authorized |= line.regionMatches(true, 0, "Proxy-Authorization:", 0, 20)
                                && line.substring(20).strip().equals(expected);
                    }
                    seen.add(requestLine + (authorized ? " with login" : " without login"));
                    String body = authorized ? "via proxy" : "";
                    String head = authorized
                            ? "HTTP/1.1 200 OK\r\n"
                            : "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\n";
                    OutputStream out = socket.getOutputStream();
                    out.write((head + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (authorized) {
                        return;
                    }
                }
            }
        } catch (Exception e) {
            seen.add("proxy failed: " + e);
        }
    }
}
