package io.github.dockerlayer.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerlayer.assemble.ImageBuild;
import io.github.dockerlayer.assemble.Once;
import io.github.dockerlayer.daemon.DaemonConnection;
import io.github.dockerlayer.daemon.DaemonEndpoint;
import io.github.dockerlayer.daemon.DaemonException;
import io.github.dockerlayer.daemon.DockerDaemon;
import io.github.dockerlayer.dockerfile.DaemonBuild;
import io.github.dockerlayer.dockerfile.DockerfileWriter;
import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.layer.LayerRole;
import io.github.dockerlayer.log.RecordingLog;
import io.github.dockerlayer.maven.MavenWording;
import io.github.dockerlayer.record.BuiltImage;
import io.github.dockerlayer.record.BuiltLayer;
import io.github.dockerlayer.record.LayerStatus;
import io.github.dockerlayer.record.LoadRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the load sends to each kind of daemon, against an in-process fake daemon that reads the archive. */
class ImageLoadTest {
    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path out;

    private final RecordingLog log = new RecordingLog();
    private final List<String> lines = log.lines();

    private Layer layer(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return new Layer(
                new Descriptor(MediaType.OCI_LAYER_GZIP, Digest.sha256(bytes), bytes.length),
                Digest.sha256(("diff " + name).getBytes(StandardCharsets.UTF_8)),
                () -> new ByteArrayInputStream(bytes));
    }

    private ImageBuild.Built build(String classes) {
        return build(classes, "app");
    }

    /** The from image (one layer, "jre"), a base on it with one dependency layer, an app {@code name} on that. */
    private ImageBuild.Built build(String classes, String name) {
        Image base = Images.appendLayer(FROM, layer("deps"), T, "deps");
        Image app = Images.appendLayer(
                Images.appendLayer(base, layer(classes), T, "classes"), layer("launch"), T, "launch");
        BuiltImage builtBase = new BuiltImage(
                ImageReference.parse("app-base:1"),
                List.of("1"),
                base,
                base.manifestDescriptor(),
                base.layers().stream()
                        .map(l -> new BuiltLayer(
                                l.equals(base.layers().get(0)) ? LayerRole.FROM : LayerRole.DEPENDENCIES,
                                l,
                                LayerStatus.REUSED))
                        .toList());
        BuiltImage builtApp = new BuiltImage(
                ImageReference.parse(name + ":1"),
                List.of("1", "latest"),
                app,
                app.manifestDescriptor(),
                app.layers().stream()
                        .map(l -> new BuiltLayer(LayerRole.CLASSES, l, LayerStatus.NEW))
                        .toList());
        return new ImageBuild.Built(builtBase, builtApp);
    }

    /** The from image: one layer, as a registry would serve it. */
    private static final Image FROM = Images.appendLayer(Images.scratch(), staticLayer("jre"), T, "jre");

    private static final String JRE = "127.0.0.1:5000/base/jre:17";

    private static Layer staticLayer(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return new Layer(
                new Descriptor(MediaType.OCI_LAYER_GZIP, Digest.sha256(bytes), bytes.length),
                Digest.sha256(("diff " + name).getBytes(StandardCharsets.UTF_8)),
                () -> new ByteArrayInputStream(bytes));
    }

    /** base.json as the image goal writes it: the from image's name and manifest digest. */
    private void baseJson(Path dir) throws IOException {
        Files.writeString(
                dir.resolve("base.json"),
                "{\"image\":\"app-base:1\",\"from\":{\"image\":\"" + JRE + "\",\"digest\":\""
                        + FROM.manifestDescriptor().digest() + "\"}}");
    }

    private static String blobPath(Layer layer) {
        return "blobs/sha256/" + layer.digest().hex();
    }

    /** What the dockerfile goal wrote, as far as a daemon build needs it. */
    private static DockerfileWriter.Written written() {
        ImageReference base = ImageReference.parse("app-base:1");
        return new DockerfileWriter.Written(
                java.nio.file.Path.of("/work/target/docker-layer/docker"),
                base,
                List.of(
                        new DockerfileWriter.Build("base", List.of(base), List.of()),
                        new DockerfileWriter.Build(
                                "app",
                                List.of(ImageReference.parse("app:1"), ImageReference.parse("app:latest")),
                                List.of(base))));
    }

    @Test
    void theDockerfileIsBuiltOnTheDaemonBaseFirstThenTheAppWithTheBaseAsCache() throws IOException {
        FakeDaemon daemon = new FakeDaemon(DockerDaemon.Store.CONTAINERD, false);
        RecordingLog log = new RecordingLog();
        assertEquals("sha256:app", DaemonBuild.build(written(), LoadMode.TRUE, () -> daemon, log));
        assertEquals(
                List.of("base [app-base:1] cache [] in docker", "app [app:1, app:latest] cache [app-base:1] in docker"),
                daemon.builds);
        assertTrue(
                log.lines().stream().anyMatch(l -> l.equals("  Step 1/2 : FROM x")), "steps are told: " + log.lines());
        assertTrue(
                log.lines().stream().noneMatch(l -> l.contains("Using cache")),
                "step output only with -X: " + log.lines());
        assertTrue(
                log.lines().stream().anyMatch(l -> l.startsWith("Built app:1, app:latest (stage app) in ")),
                log.lines().toString());
    }

    @Test
    void aDaemonBuildFollowsTheLoadParameter() throws IOException {
        FakeDaemon daemon = new FakeDaemon(DockerDaemon.Store.CLASSIC, false);
        assertNull(DaemonBuild.build(written(), LoadMode.FALSE, () -> daemon, new RecordingLog()));
        assertTrue(daemon.builds.isEmpty(), "load=false builds nothing");
        RecordingLog log = new RecordingLog();
        DaemonConnection.Connector none = () -> {
            throw new DaemonException(
                    DaemonException.Kind.UNREACHABLE, "no Docker daemon answers at unix:///var/run/docker.sock", null);
        };
        assertNull(DaemonBuild.build(written(), LoadMode.AUTO, none, log));
        assertEquals(
                List.of(
                        "Not building the Dockerfile on a Docker daemon (load=auto): no Docker daemon answers at unix:///var/run/docker.sock"),
                log.lines());
        DaemonException e = assertThrows(
                DaemonException.class, () -> DaemonBuild.build(written(), LoadMode.TRUE, none, new RecordingLog()));
        assertTrue(e.getMessage().contains("unix:///var/run/docker.sock"), e.getMessage());
    }

    @Test
    void aFailedBaseStageStopsBeforeTheApp() {
        FakeDaemon daemon = new FakeDaemon(DockerDaemon.Store.CLASSIC, false);
        daemon.failStage = "base";
        DaemonException e = assertThrows(
                DaemonException.class,
                () -> DaemonBuild.build(written(), LoadMode.TRUE, () -> daemon, new RecordingLog()));
        assertTrue(e.getMessage().contains("RUN returned 1"), e.getMessage());
        assertEquals(1, daemon.builds.size(), "the app stage is not built on a failed base: " + daemon.builds);
    }

    /** A daemon that keeps what it was sent, and names loaded images as a real one would. */
    private static final class FakeDaemon implements DockerDaemon {
        final Store store;
        final boolean podman;
        final Map<String, InspectedImage> images = new java.util.concurrent.ConcurrentHashMap<>();
        final List<List<String>> archives = java.util.Collections.synchronizedList(new ArrayList<>());
        /** How long a load takes after reading the archive, before the images have their names. */
        long loadMillis;

        final List<String> builds = new ArrayList<>();
        boolean refuseThin;
        String failStage;

        FakeDaemon(Store store, boolean podman) {
            this.store = store;
            this.podman = podman;
        }

        @Override
        public DaemonEndpoint endpoint() {
            return new DaemonEndpoint(URI.create("unix:///fake.sock"), null, "test");
        }

        @Override
        public Info info() {
            return new Info(podman ? "Podman Engine" : "Docker Engine", "1", "1.45", store, "fake-id");
        }

        @Override
        public Optional<InspectedImage> inspect(String name) {
            return Optional.ofNullable(images.get(name.replace("docker.io/library/", "")));
        }

        @Override
        public List<String> load(InputStream archive) throws IOException {
            List<String> files = new ArrayList<>();
            Map<String, byte[]> content = new HashMap<>();
            try (TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
                for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                    files.add(entry.getName());
                    content.put(entry.getName(), tar.readAllBytes());
                }
            }
            archives.add(files);
            if (refuseThin && !missingBlobs(content).isEmpty()) {
                throw new DaemonException(DaemonException.Kind.REFUSED, "layer not found", null);
            }
            try {
                Thread.sleep(loadMillis);
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
            // Register what a daemon would then hold under the names.
            List<String> loaded = new ArrayList<>();
            if (content.containsKey("manifest.json")) {
                for (JsonNode entry : Json.MAPPER.readTree(content.get("manifest.json"))) {
                    JsonNode config =
                            Json.MAPPER.readTree(content.get(entry.get("Config").asText()));
                    List<Digest> diffIds = new ArrayList<>();
                    config.path("rootfs").path("diff_ids").forEach(d -> diffIds.add(Digest.parse(d.asText())));
                    Digest id = Digest.sha256(content.get(entry.get("Config").asText()));
                    entry.get("RepoTags")
                            .forEach(tag ->
                                    images.put(tag.asText(), new InspectedImage(id, diffIds, List.of(tag.asText()))));
                    entry.get("RepoTags").forEach(tag -> loaded.add(tag.asText()));
                }
            } else {
                for (JsonNode entry :
                        Json.MAPPER.readTree(content.get("index.json")).get("manifests")) {
                    String name = entry.path("annotations")
                            .path("io.containerd.image.name")
                            .asText()
                            .replace("docker.io/library/", "");
                    images.put(
                            name,
                            new InspectedImage(Digest.parse(entry.get("digest").asText()), List.of(), List.of(name)));
                    loaded.add(name);
                }
            }
            return loaded;
        }

        /** The blobs the archive's manifests name that it does not carry. */
        private static List<String> missingBlobs(Map<String, byte[]> content) throws IOException {
            List<String> named = new ArrayList<>();
            if (content.containsKey("manifest.json")) {
                for (JsonNode entry : Json.MAPPER.readTree(content.get("manifest.json"))) {
                    entry.get("Layers").forEach(l -> named.add(l.asText()));
                }
            } else {
                for (JsonNode entry :
                        Json.MAPPER.readTree(content.get("index.json")).get("manifests")) {
                    JsonNode manifest = Json.MAPPER.readTree(content.get("blobs/sha256/"
                            + Digest.parse(entry.get("digest").asText()).hex()));
                    named.add("blobs/sha256/"
                            + Digest.parse(manifest.get("config").get("digest").asText())
                                    .hex());
                    manifest.get("layers")
                            .forEach(l -> named.add("blobs/sha256/"
                                    + Digest.parse(l.get("digest").asText()).hex()));
                }
            }
            return named.stream().filter(name -> !content.containsKey(name)).toList();
        }

        @Override
        public String build(
                java.nio.file.Path context,
                String target,
                List<String> tags,
                List<String> cacheFrom,
                java.util.function.Consumer<String> progress)
                throws IOException {
            builds.add(target + " " + tags + " cache " + cacheFrom + " in " + context.getFileName());
            progress.accept("Step 1/2 : FROM x");
            progress.accept(" ---> Using cache");
            if (target.equals(failStage)) {
                throw new DaemonException(
                        DaemonException.Kind.REFUSED,
                        "docker build --target " + target + " failed: RUN returned 1",
                        null);
            }
            return "sha256:" + target;
        }

        @Override
        public String push(
                String reference, String username, String secret, java.util.function.Consumer<String> progress) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InputStream save(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }

    private LoadRecord load(FakeDaemon daemon, LoadMode mode, ImageBuild.Built built) throws IOException {
        return new ImageLoad(mode, () -> daemon, out, log).load(built);
    }

    /** A fake daemon that has been loaded with the build of "v1" once. */
    private FakeDaemon loadedOnce(DockerDaemon.Store store, boolean podman) throws IOException {
        FakeDaemon daemon = new FakeDaemon(store, podman);
        load(daemon, LoadMode.TRUE, build("v1"));
        return daemon;
    }

    @BeforeEach
    void imageJson() throws IOException {
        Files.writeString(out.resolve("image.json"), "{\"image\":\"app:1\"}");
    }

    private static long blobs(List<String> files) {
        return files.stream().filter(f -> f.startsWith("blobs/")).count();
    }

    @Test
    void classicStoreAfterAClassChangeCarriesTheClassesLayerAndThoseAboveIt() throws IOException {
        FakeDaemon daemon = new FakeDaemon(DockerDaemon.Store.CLASSIC, false);
        LoadRecord first = load(daemon, LoadMode.TRUE, build("classes v1"));
        assertFalse(first.thin());
        assertEquals(6, blobs(daemon.archives.get(0)), "2 configs and 4 layers: " + daemon.archives.get(0));
        LoadRecord second = load(daemon, LoadMode.TRUE, build("classes v2"));
        assertTrue(second.thin());
        List<String> carried = daemon.archives.get(1);
        ImageBuild.Built v2 = build("classes v2");
        assertTrue(
                carried.contains("blobs/sha256/"
                        + v2.app().image().layers().get(2).digest().hex()),
                carried.toString());
        assertTrue(
                carried.contains("blobs/sha256/"
                        + v2.app().image().layers().get(3).digest().hex()),
                "launch is above classes");
        assertFalse(carried.contains(
                "blobs/sha256/" + v2.app().image().layers().get(0).digest().hex()));
        assertEquals(4, blobs(carried), "2 configs, classes, launch: " + carried);
        assertTrue(second.bytesSent() < 10_000, "bytes sent: " + second.bytesSent());
        JsonNode recorded =
                Json.MAPPER.readTree(out.resolve("image.json").toFile()).path("load");
        assertTrue(recorded.path("thin").asBoolean());
        assertEquals(second.bytesSent(), recorded.path("bytesSent").asLong());
        assertEquals("classic", recorded.path("store").asText());
        assertEquals(
                v2.app().image().configDescriptor().digest().toString(),
                recorded.path("imageId").asText());
        assertEquals(
                "[\"app-base:1\",\"app:1\",\"app:latest\"]",
                recorded.path("names").toString());
    }

    @Test
    void anUnchangedImageIsNotSentAgain() throws IOException {
        FakeDaemon daemon = loadedOnce(DockerDaemon.Store.CLASSIC, false);
        LoadRecord again = load(daemon, LoadMode.TRUE, build("v1"));
        assertTrue(again.upToDate());
        assertEquals(0, again.bytesSent());
        assertEquals(1, daemon.archives.size());
    }

    @Test
    void containerdStoreLeavesOutOnlyBlobsOfManifestsTheDaemonProvablyHolds() throws IOException {
        FakeDaemon daemon = new FakeDaemon(DockerDaemon.Store.CONTAINERD, false);
        load(daemon, LoadMode.TRUE, build("v1"));
        assertTrue(daemon.archives.get(0).contains("index.json"));
        assertTrue(daemon.archives.get(0).contains("oci-layout"));
        assertEquals(8, blobs(daemon.archives.get(0)), "2 manifests, 2 configs, 4 layers");
        LoadRecord second = load(daemon, LoadMode.TRUE, build("v2"));
        assertTrue(second.thin());
        // The base manifest proves jre, deps and the base config; the recorded app manifest proves launch.
        assertEquals(
                4, blobs(daemon.archives.get(1)), "2 manifests, the app config, classes: " + daemon.archives.get(1));
        assertEquals(build("v2").app().manifest().digest(), second.imageId());
    }

    @Test
    void containerdStoreWithoutAKnownManifestSendsEverything() throws IOException {
        FakeDaemon daemon = new FakeDaemon(DockerDaemon.Store.CONTAINERD, false);
        daemon.images.put(
                "app:1", new DockerDaemon.InspectedImage(Digest.sha256(new byte[1]), List.of(), List.of("app:1")));
        assertFalse(load(daemon, LoadMode.TRUE, build("v1")).thin());
        assertEquals(8, blobs(daemon.archives.get(0)));
    }

    @Test
    void aRefusedThinArchiveIsFollowedOnceByTheFullOne() throws IOException {
        FakeDaemon daemon = loadedOnce(DockerDaemon.Store.CLASSIC, false);
        daemon.refuseThin = true;
        LoadRecord result = load(daemon, LoadMode.TRUE, build("v2"));
        assertFalse(result.thin());
        assertEquals("layer not found", result.fallback());
        assertEquals(3, daemon.archives.size());
        assertEquals(6, blobs(daemon.archives.get(2)));
        assertTrue(
                lines.stream().anyMatch(l -> l.startsWith("WARN The daemon refused the thin archive")),
                lines.toString());
        assertEquals(
                "layer not found",
                Json.MAPPER
                        .readTree(out.resolve("image.json").toFile())
                        .path("load")
                        .path("fallback")
                        .asText());
    }

    @Test
    void podmanGetsAFullDockerArchive() throws IOException {
        FakeDaemon daemon = loadedOnce(DockerDaemon.Store.CLASSIC, true);
        LoadRecord second = load(daemon, LoadMode.TRUE, build("v2"));
        assertFalse(second.thin());
        assertTrue(daemon.archives.get(1).contains("manifest.json"));
        assertTrue(lines.stream().anyMatch(l -> l.contains("Podman")), lines.toString());
    }

    @Test
    void autoWithoutADaemonSaysSoInOneLineAndTrueFails() throws IOException {
        DaemonConnection.Connector none = () -> {
            throw new DaemonException(DaemonException.Kind.UNREACHABLE, "no Docker daemon answers at /nope.sock", null);
        };
        assertNull(new ImageLoad(LoadMode.AUTO, none, out, log).load(build("v1")));
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).contains("load=auto") && lines.get(0).contains("/nope.sock"), lines.get(0));
        assertThrows(DaemonException.class, () -> new ImageLoad(LoadMode.TRUE, none, out, log).load(build("v1")));
        assertNull(new ImageLoad(LoadMode.FALSE, none, out, log).load(build("v1")));
    }

    @Test
    void aFirstLoadIntoAClassicStoreThatHoldsTheFromImageLeavesItsLayersOut() throws IOException {
        FakeDaemon daemon = new FakeDaemon(DockerDaemon.Store.CLASSIC, false);
        baseJson(out);
        // docker pull 127.0.0.1:5000/base/jre:17: another config (so another ID), the same layers
        daemon.images.put(
                JRE,
                new DockerDaemon.InspectedImage(
                        Digest.sha256(new byte[] {1}),
                        List.of(FROM.layers().get(0).diffId()),
                        List.of(JRE)));
        LoadRecord first = load(daemon, LoadMode.TRUE, build("v1"));
        assertTrue(first.thin(), "the engine holds the from image: " + lines);
        List<String> carried = daemon.archives.get(0);
        assertFalse(carried.contains(blobPath(FROM.layers().get(0))), "the JRE layer is left out: " + carried);
        assertEquals(5, blobs(carried), "2 configs, deps, classes, launch: " + carried);
        assertTrue(
                lines.stream().anyMatch(l -> l.contains("the first 1 of 4 layers (as " + JRE + ")")), lines.toString());
    }

    @Test
    void aClassicStoreFromImageIsFoundByItsRepositoryAndDigestWhenTheTagMovedOn() throws IOException {
        FakeDaemon daemon = new FakeDaemon(DockerDaemon.Store.CLASSIC, false);
        baseJson(out);
        daemon.images.put(
                JRE,
                new DockerDaemon.InspectedImage(
                        Digest.sha256(new byte[] {2}), List.of(Digest.sha256(new byte[] {3})), List.of(JRE)));
        String pinned = "127.0.0.1:5000/base/jre@" + FROM.manifestDescriptor().digest();
        daemon.images.put(
                pinned,
                new DockerDaemon.InspectedImage(
                        Digest.sha256(new byte[] {1}),
                        List.of(FROM.layers().get(0).diffId()),
                        List.of()));
        assertTrue(load(daemon, LoadMode.TRUE, build("v1")).thin(), lines.toString());
        assertFalse(daemon.archives.get(0).contains(blobPath(FROM.layers().get(0))));
    }

    @Test
    void aFirstLoadIntoAContainerdStoreThatHoldsTheFromManifestLeavesItsBlobsOut() throws IOException {
        FakeDaemon daemon = new FakeDaemon(DockerDaemon.Store.CONTAINERD, false);
        baseJson(out);
        // The containerd store names an image by its manifest digest: docker pull put that manifest's blobs in its
        // content store.
        Digest from = FROM.manifestDescriptor().digest();
        daemon.images.put(
                from.toString(),
                new DockerDaemon.InspectedImage(
                        from, List.of(FROM.layers().get(0).diffId()), List.of(JRE)));
        LoadRecord first = load(daemon, LoadMode.TRUE, build("v1"));
        assertTrue(first.thin(), lines.toString());
        List<String> carried = daemon.archives.get(0);
        assertFalse(carried.contains(blobPath(FROM.layers().get(0))), "the JRE layer is left out: " + carried);
        assertEquals(7, blobs(carried), "2 manifests, 2 configs, deps, classes, launch: " + carried);
    }

    @Test
    void aContainerdImageOfTheFromNameWithAnotherManifestProvesNothing() throws IOException {
        FakeDaemon daemon = new FakeDaemon(DockerDaemon.Store.CONTAINERD, false);
        baseJson(out);
        daemon.images.put(
                JRE,
                new DockerDaemon.InspectedImage(
                        Digest.sha256(new byte[] {4}),
                        List.of(FROM.layers().get(0).diffId()),
                        List.of(JRE)));
        assertFalse(load(daemon, LoadMode.TRUE, build("v1")).thin());
        assertEquals(8, blobs(daemon.archives.get(0)));
    }

    @Test
    void aRefusedThinFirstLoadIsFollowedOnceByTheFullOne() throws IOException {
        FakeDaemon daemon = new FakeDaemon(DockerDaemon.Store.CONTAINERD, false);
        baseJson(out);
        Digest from = FROM.manifestDescriptor().digest();
        daemon.images.put(from.toString(), new DockerDaemon.InspectedImage(from, List.of(), List.of(JRE)));
        daemon.refuseThin = true; // e.g. garbage collected from the content store since
        LoadRecord result = load(daemon, LoadMode.TRUE, build("v1"));
        assertFalse(result.thin());
        assertEquals("layer not found", result.fallback());
        assertEquals(2, daemon.archives.size());
        assertEquals(8, blobs(daemon.archives.get(1)));
    }

    @Test
    void twoModulesLoadingOneSharedBaseAtOnceSendTheBaseOnce() throws Exception {
        for (DockerDaemon.Store store : DockerDaemon.Store.values()) {
            FakeDaemon daemon = new FakeDaemon(store, false);
            daemon.loadMillis = 300; // the second module plans while the first one's load is under way
            Once once = new Once(Once.newResults());
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            List<java.util.concurrent.Future<LoadRecord>> results = new ArrayList<>();
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                for (String service : List.of("svc-a", "svc-b")) {
                    Path dir = Files.createDirectories(out.resolve(store + service));
                    Files.writeString(dir.resolve("image.json"), "{}");
                    results.add(threads.submit(() -> {
                        DaemonConnection.Connector connector = () -> {
                            try {
                                start.await();
                            } catch (Exception e) {
                                throw new IOException(e);
                            }
                            return daemon;
                        };
                        return new ImageLoad(LoadMode.TRUE, connector, dir, new RecordingLog(), once)
                                .load(build("v1", service));
                    }));
                }
                long full = 0;
                for (var result : results) {
                    full += result.get().thin() ? 0 : 1;
                }
                assertEquals(1, full, store + ": one module loads the base, the other waits and loads thin");
            } finally {
                threads.shutdownNow();
            }
            Layer deps = build("v1").base().image().layers().get(1);
            long depsSent = daemon.archives.stream()
                    .filter(files -> files.contains(blobPath(deps)))
                    .count();
            assertEquals(1, depsSent, store + ": the base's dependency layer is sent once: " + daemon.archives);
        }
    }

    @Test
    void badLoadValuesFailNamingTheParameter() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> LoadMode.parse("yes"));
        assertEquals("load", e.parameter());
        assertTrue(
                MavenWording.phrase(e.getMessage()).contains("docker-layer.load")
                        && e.getMessage().contains("auto"),
                e.getMessage());
        assertEquals(LoadMode.AUTO, LoadMode.parse(" Auto "));
        assertEquals(LoadMode.FALSE, LoadMode.parse(null));
    }
}
