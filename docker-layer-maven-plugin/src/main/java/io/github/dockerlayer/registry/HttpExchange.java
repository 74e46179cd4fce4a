package io.github.dockerlayer.registry;

import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.registry.RegistryHttp.Body;
import io.github.dockerlayer.registry.RegistryHttp.Request;
import io.github.dockerlayer.registry.RegistryHttp.Response;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.Authenticator;
import java.net.InetAddress;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One HTTP exchange with a registry's host (or where it redirects), on the JDK's {@link HttpClient}: sends a request
 * as given, bounds the waits (for the headers, and between bytes of the body), logs it at debug, and turns a failure
 * into the {@link RegistryException} {@link Failure#classify} says. No authorization, redirects or retries here.
 */
final class HttpExchange {
    static final String USER_AGENT = "docker-layer-maven-plugin";
    /** Upload time allowed per byte on top of the read timeout: 64 KiB/s, a slow uplink. */
    static final long MIN_UPLOAD_BYTES_PER_SECOND = 64 * 1024;

    private final String registry;
    private final RegistryClient.Settings settings;
    private final BuildLog log;
    private final HttpClient client;

    HttpExchange(String registry, RegistryClient.Settings settings, BuildLog log) {
        this.registry = registry;
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
    }

    /**
     * One HTTP exchange. The wait for response headers is {@code timeout}, or by default the read timeout plus the
     * body's size at {@link #MIN_UPLOAD_BYTES_PER_SECOND}. {@code request} gives the response body's sink and limit;
     * null: in memory, at most {@link RegistryHttp#SMALL_BODY_LIMIT}.
     */
    Response send(
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
        long limit = request == null ? RegistryHttp.SMALL_BODY_LIMIT : request.limit();
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
            IOException failure = Failure.classify(e, registry, method, uri);
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
