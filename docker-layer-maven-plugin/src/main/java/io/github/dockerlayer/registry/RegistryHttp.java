package io.github.dockerlayer.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.registry.credentials.CredentialProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.net.URL;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * One registry's HTTP: picks https or http once, adds authorization (through {@link RegistryAuth}) only to requests
 * for the registry's own host, answers 401 challenges, follows redirects itself, bounds waits, and turns failed
 * connections into {@link RegistryException}s that say whether another attempt may help. It never retries: callers
 * wrap whole operations in {@link Retry}.
 */
final class RegistryHttp {
    static final String USER_AGENT = "docker-layer-maven-plugin";
    /** Upload time allowed per byte on top of the read timeout: 64 KiB/s, a slow uplink. */
    static final long MIN_UPLOAD_BYTES_PER_SECOND = 64 * 1024;

    static final int SMALL_BODY_LIMIT = 1024 * 1024;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;
    /** A loopback TLS server answers a handshake at once; silence this long means a plain http server. */
    private static final Duration LOOPBACK_HANDSHAKE_LIMIT = Duration.ofSeconds(3);

    /**
     * What a request needs the registry to allow: the repository and action, for messages, and the token scopes.
     *
     * @param action {@code pull} or {@code push}
     * @param scopes token scopes, e.g. {@code repository:team/app:pull,push}
     */
    record Access(String repository, String action, List<String> scopes) {}

    /** A request body that can be sent more than once (after a 401 or a 307): each {@link #open()} starts afresh. */
    interface Body {
        long length();

        InputStream open() throws IOException;

        static Body of(byte[] bytes) {
            return new Body() {
                @Override
                public long length() {
                    return bytes.length;
                }

                @Override
                public InputStream open() {
                    return new java.io.ByteArrayInputStream(bytes);
                }
            };
        }
    }

    /**
     * One request. {@code target} is a path ({@code /v2/...}, resolved against the registry) or an absolute URL (a
     * {@code Location}). {@code authorization}, when set, is sent as is and only to {@code target}'s host (token
     * requests); otherwise requests with an {@code access} get the registry's authorization.
     */
    record Request(
            String method,
            String target,
            Access access,
            Map<String, String> headers,
            Body body,
            ResponseBody.Sink sink,
            long limit,
            boolean followRedirects,
            String authorization) {

        static Request of(String method, String target, Access access) {
            return new Request(method, target, access, Map.of(), null, null, SMALL_BODY_LIMIT, true, null);
        }

        Request header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Request(method, target, access, more, body, sink, limit, followRedirects, authorization);
        }

        Request body(Body newBody) {
            return new Request(method, target, access, headers, newBody, sink, limit, followRedirects, authorization);
        }

        Request sink(ResponseBody.Sink newSink) {
            return new Request(method, target, access, headers, body, newSink, limit, followRedirects, authorization);
        }

        Request limit(long newLimit) {
            return new Request(method, target, access, headers, body, sink, newLimit, followRedirects, authorization);
        }

        Request noRedirects() {
            return new Request(method, target, access, headers, body, sink, limit, false, authorization);
        }

        Request authorization(String value) {
            return new Request(method, target, access, headers, body, sink, limit, followRedirects, value);
        }
    }

    /** A response, its body in memory (empty when it went to a sink). {@code uri} is where it came from. */
    record Response(String registry, String method, URI uri, int status, HttpHeaders headers, byte[] body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The {@code Location} header resolved against this response's URL, or null. */
        URI location() throws RegistryException {
            String location = header("Location");
            try {
                return location == null || location.isBlank() ? null : uri.resolve(location.trim());
            } catch (IllegalArgumentException e) {
                throw new RegistryException(
                        RegistryException.Kind.PROTOCOL,
                        "the registry sent an unusable Location" + " header",
                        registry,
                        method,
                        uri,
                        false,
                        e);
            }
        }

        /** The distribution spec's error body as {@code CODE: message} entries; empty when there is none. */
        List<String> errors() {
            List<String> out = new ArrayList<>();
            try {
                JsonNode errors =
                        body.length == 0 ? null : Json.MAPPER.readTree(body).get("errors");
                if (errors != null && errors.isArray()) {
                    for (JsonNode error : errors) {
                        out.add(error.path("code").asText("UNKNOWN") + ": "
                                + error.path("message").asText(""));
                    }
                }
            } catch (IOException | RuntimeException notJson) {
                // a proxy's HTML page or plain text: the status says enough
            }
            return out;
        }
    }

    private final String registry;
    private final String authority;
    private final RegistryClient.Settings settings;
    private final BuildLog log;
    private final HttpClient client;
    private final RegistryAuth auth;
    private final boolean httpsFirst;
    private volatile URI base;

    RegistryHttp(
            String registry,
            String authority,
            CredentialProvider credentials,
            RegistryClient.Settings settings,
            BuildLog log,
            boolean httpsFirst) {
        this.registry = registry;
        this.httpsFirst = httpsFirst;
        this.authority = authority;
        this.settings = settings;
        this.log = log;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout())
                .proxy(settings.proxy() == null ? HttpClient.Builder.NO_PROXY : settings.proxy());
        if (settings.proxyAuthenticator() != null) {
            builder.authenticator(proxyOnly(settings.proxyAuthenticator()));
        }
        this.client = builder.build();
        this.auth = new RegistryAuth(registry, credentials, this, log);
    }

    RegistryAuth auth() {
        return auth;
    }

    String registry() {
        return registry;
    }

    /**
     * Sends a request: with the registry's authorization when it is for the registry's host, answering one 401 by
     * (re)authenticating and sending again, and following up to 5 redirects. A 401 after that, or a 403, from the
     * registry is thrown as {@link RegistryException.Kind#UNAUTHORIZED} or {@link RegistryException.Kind#DENIED};
     * any other status is returned.
     */
    Response send(Request request) throws IOException {
        URI uri = resolve(request.target());
        URI origin = uri;
        String method = request.method();
        Body body = request.body();
        boolean renewed = false;
        for (int redirects = 0; ; ) {
            boolean toRegistry = isRegistry(uri);
            String authorization;
            if (request.authorization() != null) {
                authorization = sameAuthority(uri, origin) ? request.authorization() : null;
            } else {
                authorization = toRegistry && request.access() != null ? auth.authorization(request.access()) : null;
            }
            Response response = sendOnce(method, uri, request.headers(), body, authorization, request, null);
            boolean fromRegistry = toRegistry && request.access() != null;
            if (response.status() == 401 && fromRegistry) {
                if (renewed) {
                    throw auth.unauthorized(response, request.access());
                }
                auth.renew(response, request.access(), authorization);
                renewed = true;
                continue;
            }
            if (response.status() == 403 && fromRegistry) {
                throw auth.denied(response, request.access());
            }
            if (REDIRECTS.contains(response.status()) && request.followRedirects() && response.location() != null) {
                if (++redirects > MAX_REDIRECTS) {
                    throw failure(
                            response, RegistryException.Kind.PROTOCOL, "more than " + MAX_REDIRECTS + " redirects");
                }
                uri = response.location();
                if (response.status() == 303 || (response.status() <= 302 && "POST".equals(method))) {
                    method = "GET";
                    body = null;
                }
                continue;
            }
            return response;
        }
    }

    /** A failure for an unexpected response; 408, 429 and 5xx are retryable, honouring {@code Retry-After}. */
    RegistryException failure(Response response, RegistryException.Kind kind, String explanation) {
        int status = response.status();
        boolean retryable = Retry.RETRYABLE_STATUSES.contains(status);
        return new RegistryException(
                retryable ? RegistryException.Kind.UNAVAILABLE : kind,
                explanation,
                registry,
                response.method(),
                response.uri(),
                status,
                response.errors(),
                retryable,
                Retry.parseRetryAfter(response.header("Retry-After")),
                null);
    }

    /** A failure whose kind follows from the status: 401, 403, 404, 5xx, else {@code PROTOCOL}. */
    RegistryException failure(Response response, String explanation) {
        RegistryException.Kind kind = switch (response.status()) {
            case 401 -> RegistryException.Kind.UNAUTHORIZED;
            case 403 -> RegistryException.Kind.DENIED;
            case 404 -> RegistryException.Kind.NOT_FOUND;
            default -> RegistryException.Kind.PROTOCOL;
        };
        return failure(response, kind, explanation);
    }

    /** Whether plain http may be used with {@code host}: loopback, or allowInsecureRegistries. */
    boolean plainHttpAllowed(String host) {
        return settings.allowInsecure() || isLoopback(host);
    }

    /** Whether {@code uri} is on the registry's own host and port: only those requests carry its authorization. */
    boolean isRegistry(URI uri) {
        URI b = base;
        return b != null && sameAuthority(uri, b);
    }

    private URI resolve(String target) throws IOException {
        return target.startsWith("/") ? base().resolve(target) : URI.create(target);
    }

    /** The registry's root URL; the first call finds out the scheme by asking {@code GET /v2/} (anonymously). */
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

    private URI probe() throws IOException {
        URI https = URI.create("https://" + authority + "/v2/");
        boolean loopback = isLoopback(https.getHost());
        if (!httpsFirst && plainHttpAllowed(https.getHost())) {
            URI http = URI.create("http://" + authority + "/v2/");
            learn(sendOnce("GET", http, Map.of(), null, null, null, null));
            return http.resolve("/");
        }
        if (loopback) {
            // A registry on this machine mostly speaks plain http (a port speaks one or the other), and asking that
            // first saves a TLS attempt on every build. A TLS server answers it with 400 or a reset: then https.
            URI http = URI.create("http://" + authority + "/v2/");
            try {
                Response ping = sendOnce("GET", http, Map.of(), null, null, null, LOOPBACK_HANDSHAKE_LIMIT);
                if (ping.status() == 200 || ping.status() == 401) {
                    learn(ping);
                    log.debug(registry + " answers plain http (a loopback address)");
                    return http.resolve("/");
                }
                log.debug(registry + " answered plain http with " + ping.status() + "; trying https");
            } catch (RegistryException e) {
                if (e.refused()) {
                    throw e; // nothing listens on the port: https would be refused as well
                }
                log.debug("plain http with " + registry + " failed (" + e.getCause() + "); trying https");
            }
        }
        try {
            learn(sendOnce("GET", https, Map.of(), null, null, null, loopback ? LOOPBACK_HANDSHAKE_LIMIT : null));
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
            Response ping = sendOnce("GET", http, Map.of(), null, null, null, null);
            if (tls && ping.status() != 200 && ping.status() != 401) {
                // not a plain http registry either: an https one whose certificate the JDK does not trust
                throw tlsFailure(
                        e, "If its certificate comes from a private CA, add that CA to the JDK's trust" + " store");
            }
            learn(ping);
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

    private void learn(Response ping) {
        if (ping.status() == 401) {
            auth.learn(Challenge.choose(ping.headers().allValues("WWW-Authenticate")));
        }
    }

    /**
     * One HTTP exchange. The wait for response headers is {@code timeout}, or by default the read timeout plus the
     * body's size at {@link #MIN_UPLOAD_BYTES_PER_SECOND}.
     */
    private Response sendOnce(
            String method,
            URI uri,
            Map<String, String> headers,
            Body body,
            String authorization,
            Request request,
            Duration timeout)
            throws IOException {
        long bodyLength = body == null ? 0 : body.length();
        if (timeout == null) {
            timeout = settings.readTimeout().plus(Duration.ofMillis(bodyLength * 1000 / MIN_UPLOAD_BYTES_PER_SECOND));
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("User-Agent", USER_AGENT)
                .method(method, publisher(body));
        if ("http".equals(uri.getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance with plain registries
        }
        headers.forEach(builder::header);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        AtomicReference<ResponseBody> receiving = new AtomicReference<>();
        ResponseBody.Sink sink = request == null ? null : request.sink();
        long limit = request == null ? SMALL_BODY_LIMIT : request.limit();
        HttpResponse.BodyHandler<byte[]> handler = info -> {
            ResponseBody subscriber = ResponseBody.create(info, sink, limit);
            receiving.set(subscriber);
            return subscriber;
        };
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = await(client.sendAsync(builder.build(), handler), receiving);
            log.debug(method + " " + RegistryException.redact(uri) + " -> " + response.statusCode() + " ("
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms)");
            return new Response(registry, method, uri, response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            IOException failure = classify(e, method, uri);
            log.debug(method + " " + RegistryException.redact(uri) + " -> "
                    + (failure instanceof RegistryException r
                            ? r.shortReason()
                            : failure.getClass().getSimpleName()) + " ("
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms)");
            throw failure;
        }
    }

    /**
     * Waits for the response. The request timeout bounds the wait for its headers; after them, the body must keep
     * coming: no byte for a whole read timeout fails the request.
     */
    private HttpResponse<byte[]> await(
            CompletableFuture<HttpResponse<byte[]>> future, AtomicReference<ResponseBody> receiving)
            throws IOException {
        long window = settings.readTimeout().toMillis();
        long seen = -1;
        while (true) {
            try {
                return future.get(window, TimeUnit.MILLISECONDS);
            } catch (TimeoutException slow) {
                ResponseBody body = receiving.get();
                if (body != null) {
                    long now = body.received();
                    if (now == seen) {
                        future.cancel(true);
                        throw new HttpTimeoutException(
                                "no data received for " + settings.readTimeout().toSeconds() + " s");
                    }
                    seen = now;
                }
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while talking to " + registry);
            } catch (ExecutionException | CompletionException | CancellationException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                while (cause instanceof CompletionException && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                if (cause instanceof IOException io) {
                    throw io;
                }
                throw new IOException(cause.getMessage(), cause);
            }
        }
    }

    /** Which failures another attempt may cure: not our own file, not TLS, not an unknown host, not an interrupt. */
    private IOException classify(IOException e, String method, URI uri) {
        LocalIOException local = LocalIOException.in(e);
        if (local != null) {
            return local;
        }
        if (e instanceof RegistryException) {
            return e;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof RegistryException registryFailure) {
                return registryFailure;
            }
        }
        String host = uri.getHost();
        if (e instanceof SSLHandshakeException) {
            return new RegistryException(
                    RegistryException.Kind.UNAVAILABLE,
                    "TLS handshake with " + host + " failed: " + e.getMessage(),
                    registry,
                    method,
                    uri,
                    false,
                    e);
        }
        if (e instanceof UnknownHostException) {
            return new RegistryException(
                    RegistryException.Kind.UNAVAILABLE,
                    "unknown host " + host + ": check the image reference and the DNS or proxy settings",
                    registry,
                    method,
                    uri,
                    false,
                    e);
        }
        if (e instanceof InterruptedIOException
                && !(e instanceof HttpTimeoutException)
                && !(e instanceof java.net.SocketTimeoutException)) {
            return e;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return new RegistryException(
                        RegistryException.Kind.UNAVAILABLE,
                        "nothing answers at " + host + ":"
                                + (uri.getPort() < 0 ? ("https".equals(uri.getScheme()) ? 443 : 80) : uri.getPort())
                                + " (connection refused): check the registry host and port in the image reference, and that"
                                + " the registry is running",
                        registry,
                        method,
                        uri,
                        true,
                        e);
            }
        }
        return new RegistryException(
                RegistryException.Kind.UNAVAILABLE,
                "the connection to " + host + " failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()),
                registry,
                method,
                uri,
                true,
                e);
    }

    private static HttpRequest.BodyPublisher publisher(Body body) {
        if (body == null || body.length() == 0) {
            return HttpRequest.BodyPublishers.noBody();
        }
        return HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return body.open();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }),
                body.length());
    }

    static boolean sameAuthority(URI a, URI b) {
        return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
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

    /** The caller's proxy authenticator, asked only for proxies: 401s from registries are ours to answer. */
    private static Authenticator proxyOnly(Authenticator delegate) {
        return new Authenticator() {
            @Override
            public PasswordAuthentication requestPasswordAuthenticationInstance(
                    String host,
                    InetAddress addr,
                    int port,
                    String protocol,
                    String prompt,
                    String scheme,
                    URL url,
                    RequestorType type) {
                return type == RequestorType.PROXY
                        ? delegate.requestPasswordAuthenticationInstance(
                                host, addr, port, protocol, prompt, scheme, url, type)
                        : null;
            }
        };
    }
}
