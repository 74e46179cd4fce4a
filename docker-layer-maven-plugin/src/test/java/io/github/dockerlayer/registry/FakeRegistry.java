package io.github.dockerlayer.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.registry.credentials.CredentialProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An in-process HTTP server standing in for a registry (or a token server, or blob storage): one handler, a log. */
final class FakeRegistry implements AutoCloseable {

    /** Answers one request. Throwing breaks the connection without an answer (a reset, for the client). */
    @FunctionalInterface
    interface Handler {
        void handle(Call call) throws IOException;
    }

    /** A request as the fake saw it. */
    record Seen(
            String method,
            String path,
            String query,
            String authorization,
            String contentRange,
            String contentType,
            String contentLength,
            String range) {
        String target() {
            return query == null ? path : path + "?" + query;
        }
    }

    /** One request being answered. */
    static final class Call {
        final HttpExchange exchange;
        private byte[] body;

        Call(HttpExchange exchange) {
            this.exchange = exchange;
        }

        String method() {
            return exchange.getRequestMethod();
        }

        String path() {
            return exchange.getRequestURI().getRawPath();
        }

        String query() {
            return exchange.getRequestURI().getRawQuery();
        }

        String header(String name) {
            return exchange.getRequestHeaders().getFirst(name);
        }

        byte[] body() throws IOException {
            if (body == null) {
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
            }
            return body;
        }

        /** Reads {@code n} bytes of the body, then breaks the connection. */
        void resetAfter(int n) throws IOException {
            exchange.getRequestBody().readNBytes(n);
            throw new IOException("simulated connection reset");
        }

        Call header(String name, String value) {
            exchange.getResponseHeaders().add(name, value);
            return this;
        }

        void respond(int status) throws IOException {
            respond(status, new byte[0]);
        }

        void respond(int status, String body) throws IOException {
            respond(status, body.getBytes(StandardCharsets.UTF_8));
        }

        void respond(int status, byte[] bytes) throws IOException {
            body(); // drain the request first
            boolean head = method().equals("HEAD");
            exchange.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
            if (!head && bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        }

        void json(int status, String json) throws IOException {
            header("Content-Type", "application/json");
            respond(status, json);
        }
    }

    final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private volatile Handler handler = call -> call.respond(404);

    FakeRegistry() throws IOException {
        this(0);
    }

    /** Listening on {@code port} of the loopback address (0: any free port). */
    FakeRegistry(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            Call call = new Call(exchange);
            var h = exchange.getRequestHeaders();
            seen.add(new Seen(
                    call.method(),
                    call.path(),
                    call.query(),
                    h.getFirst("Authorization"),
                    h.getFirst("Content-Range"),
                    h.getFirst("Content-Type"),
                    h.getFirst("Content-Length"),
                    h.getFirst("Range"))); // before answering: the client may look as soon as it has the answer
            if (call.method().equals("GET") && call.path().equals("/v2/") && !(handler instanceof PingAware)) {
                call.respond(200, "{}");
            } else {
                handler.handle(call);
            }
        });
        server.start();
    }

    /** A handler that answers {@code GET /v2/} itself (to challenge it); others get a 200 there. */
    interface PingAware extends Handler {}

    FakeRegistry handle(Handler newHandler) {
        this.handler = newHandler;
        return this;
    }

    /** {@code 127.0.0.1:port}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String url() {
        return "http://" + address();
    }

    /** The requests seen but the ping. */
    List<Seen> requests() {
        synchronized (seen) {
            return seen.stream()
                    .filter(s -> !(s.method().equals("GET") && s.path().equals("/v2/")))
                    .toList();
        }
    }

    long count(String method) {
        return requests().stream().filter(s -> s.method().equals(method)).count();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** A client for a fake: plain http at once, quick retries. */
    static RegistryClient client(String address, CredentialProvider credentials, int maxAttempts, BuildLog log) {
        RegistryClient.Settings settings = new RegistryClient.Settings(
                false, Duration.ofSeconds(5), Duration.ofSeconds(20), maxAttempts, null, null);
        RegistryClient.Tuning tuning = new RegistryClient.Tuning(
                Duration.ofMillis(10), RegistryClient.MONOLITHIC_LIMIT, RegistryClient.DEFAULT_CHUNK, false, false);
        return RegistryClient.create(address, credentials, settings, log, tuning);
    }
}
