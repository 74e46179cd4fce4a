package io.github.dockerlayer.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against an in-process fake of the Engine API: negotiation, store detection, errors inside a 200. */
class DockerJavaDaemonTest {
    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private volatile long bodyBytes;
    private volatile String query = "";
    private volatile String lastAuth = "";

    @TempDir
    Path temp;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        version("20.10.24", "1.41", "1.12", "Docker Engine - Community");
        answers.put(
                "/v1.41/info",
                "{\"ID\":\"daemon-1\",\"Driver\":\"overlay2\",\"DriverStatus\":[[\"Backing Filesystem\",\"extfs\"]]}");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void version(String version, String api, String min, String component) {
        answers.put(
                "/version",
                "{\"Version\":\"" + version + "\",\"ApiVersion\":\"" + api + "\",\"MinAPIVersion\":\"" + min
                        + "\",\"Components\":[{\"Name\":\"" + component + "\",\"Version\":\"" + version + "\"}]}");
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        String auth = exchange.getRequestHeaders().getFirst("X-Registry-Auth");
        if (auth != null) {
            lastAuth = auth;
        }
        if (exchange.getRequestURI().getRawQuery() != null) {
            query = java.net.URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
        }
        long body = exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
        if (body > 0) {
            bodyBytes = body; // the last request that sent a body (a load's archive, a build's context)
        }
        String answer = answers.get(path);
        int status = 200;
        if (answer == null) {
            status = 404;
            answer = "{\"message\":\"No such image: " + path + "\"}";
        } else if (answer.startsWith("500 ")) {
            status = 500;
            answer = answer.substring(4);
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private DockerJavaDaemon connect() throws IOException {
        return DockerJavaDaemon.connect(new DaemonEndpoint(
                URI.create("tcp://127.0.0.1:" + server.getAddress().getPort()), null, "DOCKER_HOST"));
    }

    @Test
    void speaksTheDaemonsOwnVersionToAnOldDaemonAndFindsTheClassicStore() throws IOException {
        try (DockerJavaDaemon daemon = connect()) {
            assertEquals("1.41", daemon.info().apiVersion());
            assertEquals(DockerDaemon.Store.CLASSIC, daemon.info().store());
            assertFalse(daemon.info().podman());
            assertEquals("daemon-1", daemon.info().id());
        }
        assertEquals(List.of("GET /version", "GET /v1.41/info"), requests);
    }

    @Test
    void speaksTheNewestTestedVersionToANewDaemonAndFindsTheContainerdStore() throws IOException {
        version("29.1.0", "1.52", "1.44", "Engine");
        answers.put(
                "/v1.45/info",
                "{\"ID\":\"d\",\"Driver\":\"overlayfs\",\"DriverStatus\":[[\"driver-type\",\"io.containerd.snapshotter.v1\"]]}");
        try (DockerJavaDaemon daemon = connect()) {
            assertEquals("1.45", daemon.info().apiVersion());
            assertEquals(DockerDaemon.Store.CONTAINERD, daemon.info().store());
            assertTrue(
                    daemon.info().toString().contains("containerd image store"),
                    daemon.info().toString());
        }
    }

    @Test
    void recognisesPodman() throws IOException {
        version("5.4.0", "1.41", "1.24", "Podman Engine");
        try (DockerJavaDaemon daemon = connect()) {
            assertTrue(daemon.info().podman());
            assertEquals("Podman Engine", daemon.info().product());
        }
    }

    @Test
    void aLoadReadsTheAnswerAndReturnsWhatWasLoaded() throws IOException {
        answers.put(
                "/v1.41/images/load",
                "{\"stream\":\"Loaded image: app:1\\n\"}\r\n{\"stream\":\"Loaded image ID: sha256:" + "a".repeat(64)
                        + "\\n\"}\r\n");
        try (DockerJavaDaemon daemon = connect()) {
            assertEquals(
                    List.of("app:1", "sha256:" + "a".repeat(64)),
                    daemon.load(new ByteArrayInputStream(new byte[12345])));
        }
        assertEquals(12345, bodyBytes, "the whole archive was sent");
    }

    @Test
    void anErrorInsideA200AnswerFailsTheLoad() throws IOException {
        answers.put(
                "/v1.41/images/load",
                "{\"errorDetail\":{\"message\":\"open /var/lib/docker/tmp/x/blobs/sha256/ab: no such file"
                        + " or directory\"},\"error\":\"open ...: no such file or directory\"}\n");
        try (DockerJavaDaemon daemon = connect()) {
            DaemonException e =
                    assertThrows(DaemonException.class, () -> daemon.load(new ByteArrayInputStream(new byte[10])));
            assertEquals(DaemonException.Kind.REFUSED, e.kind());
            assertTrue(
                    e.getMessage()
                            .contains("refused the load: open /var/lib/docker/tmp/x/blobs/sha256/ab: no such file"),
                    e.getMessage());
        }
    }

    @Test
    void aBuildSendsTheContextAsksForTheStageAndReturnsTheImageId() throws IOException {
        Path context = Files.createDirectories(temp.resolve("docker"));
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch AS base\nFROM base AS app\n");
        answers.put(
                "/v1.41/build",
                "{\"stream\":\"Step 1/2 : FROM scratch AS base\\n\"}\r\n{\"stream\":\" ---> Running\\n\"}\r\n"
                        + "{\"aux\":{\"ID\":\"sha256:" + "b".repeat(64)
                        + "\"}}\r\n{\"stream\":\"Successfully tagged app:1\\n\"}\r\n");
        answers.put(
                "/v1.41/images/app:1/json", "{\"Id\":\"sha256:" + "b".repeat(64) + "\",\"RootFS\":{\"Layers\":[]}}");
        List<String> lines = new ArrayList<>();
        try (DockerJavaDaemon daemon = connect()) {
            assertEquals(
                    "sha256:" + "b".repeat(64),
                    daemon.build(context, "app", List.of("app:1"), List.of("app-base:1"), lines::add));
        }
        assertEquals(List.of("Step 1/2 : FROM scratch AS base", " ---> Running", "Successfully tagged app:1"), lines);
        assertTrue(bodyBytes > 0, "the context was sent");
        assertTrue(query.contains("target=app") && !query.contains("pull=true"), query);
        assertTrue(query.contains("app-base"), "cache source named: " + query);
    }

    @Test
    void anErrorInABuildsAnswerFailsIt() throws IOException {
        Path context = Files.createDirectories(temp.resolve("docker"));
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");
        answers.put(
                "/v1.41/build",
                "{\"stream\":\"Step 2/3 : RUN false\\n\"}\r\n{\"errorDetail\":{\"code\":1,\"message\":"
                        + "\"The command '/bin/sh -c false' returned a non-zero code: 1\"},\"error\":\"The command returned 1\"}\r\n");
        try (DockerJavaDaemon daemon = connect()) {
            DaemonException e = assertThrows(
                    DaemonException.class,
                    () -> daemon.build(context, "base", List.of("app-base:1"), List.of(), line -> {}));
            assertEquals(DaemonException.Kind.REFUSED, e.kind());
            assertTrue(
                    e.getMessage().contains("docker build --target base")
                            && e.getMessage().contains("returned a non-zero code: 1"),
                    e.getMessage());
        }
    }

    @Test
    void aPushThroughTheDaemonSendsTheLoginAndReturnsTheDigestItReports() throws IOException {
        answers.put(
                "/v1.41/images/app/push",
                "{\"status\":\"The push refers to repository [docker.io/library/app]\"}\r\n"
                        + "{\"status\":\"Pushing\",\"progressDetail\":{\"current\":1},\"id\":\"abc\"}\r\n"
                        + "{\"status\":\"Pushed\",\"progressDetail\":{},\"id\":\"abc\"}\r\n"
                        + "{\"status\":\"1: digest: sha256:" + "c".repeat(64) + " size: 528\"}\r\n"
                        + "{\"progressDetail\":{},\"aux\":{\"Tag\":\"1\",\"Digest\":\"sha256:" + "c".repeat(64)
                        + "\",\"Size\":528}}\r\n");
        List<String> lines = new ArrayList<>();
        try (DockerJavaDaemon daemon = connect()) {
            assertEquals("sha256:" + "c".repeat(64), daemon.push("app:1", "dltest", "secret", lines::add));
        }
        assertEquals(
                List.of(
                        "The push refers to repository [docker.io/library/app]",
                        "abc: Pushed",
                        "1: digest: sha256:" + "c".repeat(64) + " size: 528"),
                lines,
                "no progress noise");
        assertTrue(query.contains("tag=1"), query);
        String auth = new String(java.util.Base64.getUrlDecoder().decode(lastAuth.trim()), StandardCharsets.UTF_8);
        assertTrue(auth.contains("\"username\":\"dltest\"") && auth.contains("\"password\":\"secret\""), auth);
    }

    @Test
    void aPushAnswerWithoutAuxGivesTheDigestOfItsStatusLine() throws IOException {
        // Docker 26 with the containerd image store: no aux object, the digest only in the status line
        answers.put(
                "/v1.41/images/app/push",
                "{\"status\":\"Pushed\",\"progressDetail\":{},\"id\":\"abc\"}\r\n"
                        + "{\"status\":\"d26: digest: sha256:" + "d".repeat(64) + " size: 1035\"}\r\n");
        try (DockerJavaDaemon daemon = connect()) {
            assertEquals("sha256:" + "d".repeat(64), daemon.push("app:d26", null, null, line -> {}));
        }
    }

    @Test
    void anErrorInAPushsAnswerFailsIt() throws IOException {
        answers.put(
                "/v1.41/images/app/push",
                "{\"errorDetail\":{\"message\":\"unauthorized: authentication required\"},"
                        + "\"error\":\"unauthorized: authentication required\"}\r\n");
        try (DockerJavaDaemon daemon = connect()) {
            DaemonException e = assertThrows(DaemonException.class, () -> daemon.push("app:1", null, null, line -> {}));
            assertTrue(
                    e.getMessage().contains("docker push app:1")
                            && e.getMessage().contains("unauthorized"),
                    e.getMessage());
        }
    }

    @Test
    void anAnswerThatLoadedNothingFails() throws IOException {
        answers.put("/v1.41/images/load", "{\"stream\":\"\\n\"}");
        try (DockerJavaDaemon daemon = connect()) {
            assertThrows(DaemonException.class, () -> daemon.load(new ByteArrayInputStream(new byte[10])));
        }
    }

    @Test
    void anHttpErrorNamesTheRequestAndTheDaemonsMessage() throws IOException {
        answers.put("/v1.41/images/load", "500 {\"message\":\"unexpected EOF\"}");
        try (DockerJavaDaemon daemon = connect()) {
            DaemonException e =
                    assertThrows(DaemonException.class, () -> daemon.load(new ByteArrayInputStream(new byte[10])));
            assertTrue(
                    e.getMessage().contains("POST /images/load")
                            && e.getMessage().contains("HTTP 500: unexpected EOF"),
                    e.getMessage());
        }
    }

    @Test
    void inspectGivesIdAndDiffIdsOrNothing() throws IOException {
        String id = "sha256:" + "1".repeat(64);
        String layer = "sha256:" + "2".repeat(64);
        answers.put(
                "/v1.41/images/app:1/json",
                "{\"Id\":\"" + id + "\",\"RepoTags\":[\"app:1\"],\"RootFS\":{\"Type\":\"layers\"," + "\"Layers\":[\""
                        + layer + "\"]}}");
        try (DockerJavaDaemon daemon = connect()) {
            DockerDaemon.InspectedImage image = daemon.inspect("app:1").orElseThrow();
            assertEquals(id, image.id().toString());
            assertEquals(
                    List.of(layer),
                    image.diffIds().stream().map(Object::toString).toList());
            assertEquals(List.of("app:1"), image.repoTags());
            assertTrue(daemon.inspect("app:2").isEmpty());
        }
    }

    @Test
    void anUnreachableDaemonFailsNamingTheSocketAndHowToChooseAnother() {
        Path socket = temp.resolve("missing.sock");
        DaemonException e = assertThrows(
                DaemonException.class,
                () -> DockerJavaDaemon.connect(
                        new DaemonEndpoint(URI.create("unix://" + socket), null, "DOCKER_HOST")));
        assertEquals(DaemonException.Kind.UNREACHABLE, e.kind());
        assertTrue(
                e.getMessage().contains(socket.toString())
                        && e.getMessage().contains("DOCKER_HOST")
                        && e.getMessage().contains("DOCKER_CONTEXT"),
                e.getMessage());
    }
}
