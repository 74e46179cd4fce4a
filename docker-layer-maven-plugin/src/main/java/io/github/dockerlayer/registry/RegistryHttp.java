package io.github.dockerlayer.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.registry.credentials.CredentialProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One registry's HTTP: resolves paths against the scheme {@link SchemeProbe} found, adds authorization (through
 * {@link RegistryAuth}) only to requests for the registry's own host, answers 401 challenges and follows redirects
 * itself; each exchange goes through {@link HttpExchange}, which bounds waits and classifies failed connections
 * ({@link Failure}). It never retries: callers wrap whole operations in {@link Retry}.
 */
final class RegistryHttp {
    static final int SMALL_BODY_LIMIT = 1024 * 1024;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;

    /**
     * What a request needs the registry to allow: the repository and action, for messages, and the token scopes.
     *
     * @param action {@code pull} or {@code push}
     * @param scopes token scopes, e.g. {@code repository:team/app:pull,push}
     */
    record Access(String repository, String action, List<String> scopes) {
        /** Pull access to {@code repository}. */
        static Access pull(String repository) {
            return new Access(repository, "pull", List.of("repository:" + repository + ":pull"));
        }

        /** Push access to {@code repository} (a push needs pull too). */
        static Access push(String repository) {
            return new Access(repository, "push", List.of("repository:" + repository + ":pull,push"));
        }
    }

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

        /** A header's value as a number, at least 0; 0 when it is absent or not a number. */
        long number(String name) {
            String value = header(name);
            try {
                return value == null ? 0 : Math.max(0, Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                return 0;
            }
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
    private final HttpExchange exchange;
    private final SchemeProbe scheme;
    private final RegistryAuth auth;

    RegistryHttp(
            String registry,
            String authority,
            CredentialProvider credentials,
            RegistryClient.Settings settings,
            BuildLog log,
            boolean httpsFirst) {
        this.registry = registry;
        this.exchange = new HttpExchange(registry, settings, log);
        this.auth = new RegistryAuth(registry, credentials, this, log);
        this.scheme = new SchemeProbe(
                registry,
                authority,
                settings.allowInsecure(),
                httpsFirst,
                (uri, timeout) -> exchange.send("GET", uri, Map.of(), null, null, null, timeout),
                this::learn,
                log);
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
            Response response = exchange.send(method, uri, request.headers(), body, authorization, request, null);
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
                    throw Failure.of(
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

    /** Whether plain http may be used with {@code host}: loopback, or allowInsecureRegistries. */
    boolean plainHttpAllowed(String host) {
        return scheme.plainHttpAllowed(host);
    }

    /** Whether {@code uri} is on the registry's own host and port: only those requests carry its authorization. */
    boolean isRegistry(URI uri) {
        URI b = scheme.known();
        return b != null && sameAuthority(uri, b);
    }

    private URI resolve(String target) throws IOException {
        return target.startsWith("/") ? base().resolve(target) : URI.create(target);
    }

    /** The registry's root URL; the first call finds out the scheme by asking {@code GET /v2/} (anonymously). */
    URI base() throws IOException {
        return scheme.base();
    }

    private void learn(Response ping) {
        if (ping.status() == 401) {
            auth.learn(Challenge.choose(ping.headers().allValues("WWW-Authenticate")));
        }
    }

    static boolean sameAuthority(URI a, URI b) {
        return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }
}
