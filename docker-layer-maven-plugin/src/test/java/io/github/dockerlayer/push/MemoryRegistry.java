package io.github.dockerlayer.push;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.dockerlayer.image.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small in-process registry holding what is pushed to it, in memory: blobs per repository (mounts across
 * repositories), chunked and monolithic uploads, manifests by tag and digest. Every request is kept, as
 * {@code METHOD path}.
 */
final class MemoryRegistry implements AutoCloseable {
    /** Blobs by {@code repository@digest}. */
    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    /** Manifests by {@code repository:reference} (tag or digest). */
    final Map<String, byte[]> manifests = new ConcurrentHashMap<>();

    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, ByteArrayOutputStream> uploads = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    MemoryRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code 127.0.0.1:port}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            requests.add(method + " " + path + (query == null ? "" : "?" + query));
            if (path.equals("/v2/")) {
                respond(exchange, 200, new byte[0]);
                return;
            }
            String repo = path.replaceFirst("^/v2/", "").replaceFirst("/(blobs|manifests)/.*$", "");
            String last = path.substring(path.lastIndexOf('/') + 1);
            if (path.contains("/manifests/")) {
                manifest(exchange, method, repo, last, body);
            } else if (path.contains("/blobs/uploads")) {
                upload(exchange, method, repo, last, query == null ? "" : query, body);
            } else if (path.contains("/blobs/")) {
                byte[] blob = blobs.get(repo + "@" + last);
                exchange.getResponseHeaders().add("Docker-Content-Digest", last);
                respond(exchange, blob == null ? 404 : 200, blob == null ? new byte[0] : blob);
            } else {
                respond(exchange, 404, new byte[0]);
            }
        }
    }

    private void manifest(HttpExchange exchange, String method, String repo, String reference, byte[] body)
            throws IOException {
        if (method.equals("PUT")) {
            Digest digest = Digest.sha256(body);
            manifests.put(repo + ":" + reference, body);
            manifests.put(repo + ":" + digest, body);
            exchange.getResponseHeaders().add("Docker-Content-Digest", digest.toString());
            respond(exchange, 201, new byte[0]);
            return;
        }
        byte[] manifest = manifests.get(repo + ":" + reference);
        if (manifest == null) {
            respond(exchange, 404, new byte[0]);
            return;
        }
        exchange.getResponseHeaders()
                .add("Docker-Content-Digest", Digest.sha256(manifest).toString());
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.manifest.v1+json");
        respond(exchange, 200, manifest);
    }

    private void upload(HttpExchange exchange, String method, String repo, String session, String query, byte[] body)
            throws IOException {
        String digest = parameter(query, "digest");
        if (method.equals("POST") && parameter(query, "mount") != null) {
            String mount = parameter(query, "mount");
            byte[] source = blobs.get(parameter(query, "from") + "@" + mount);
            if (source != null) {
                blobs.put(repo + "@" + mount, source);
                exchange.getResponseHeaders().add("Location", "/v2/" + repo + "/blobs/" + mount);
                respond(exchange, 201, new byte[0]);
                return;
            }
        }
        if (method.equals("POST") && digest != null) {
            blobs.put(repo + "@" + digest, body);
            respond(exchange, 201, new byte[0]);
            return;
        }
        if (method.equals("POST")) {
            String id = "u" + System.nanoTime();
            uploads.put(id, new ByteArrayOutputStream());
            exchange.getResponseHeaders().add("Location", "/v2/" + repo + "/blobs/uploads/" + id);
            exchange.getResponseHeaders().add("Range", "0-0");
            respond(exchange, 202, new byte[0]);
            return;
        }
        ByteArrayOutputStream upload = uploads.get(session);
        if (upload == null) {
            respond(exchange, 404, new byte[0]);
            return;
        }
        upload.write(body);
        if (method.equals("PATCH")) {
            exchange.getResponseHeaders().add("Location", "/v2/" + repo + "/blobs/uploads/" + session);
            exchange.getResponseHeaders().add("Range", "0-" + Math.max(0, upload.size() - 1));
            respond(exchange, 202, new byte[0]);
        } else if (method.equals("PUT") && digest != null) {
            uploads.remove(session);
            blobs.put(repo + "@" + digest, upload.toByteArray());
            respond(exchange, 201, new byte[0]);
        } else {
            respond(exchange, 400, new byte[0]);
        }
    }

    private static String parameter(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (head && body.length > 0) {
            exchange.getResponseHeaders().add("Content-Length", Integer.toString(body.length));
        }
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
