package io.github.dockerlayer.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.blob.BlobStore;
import io.github.dockerlayer.image.Blob;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.layer.LayerEntry;
import io.github.dockerlayer.layer.ReproducibleLayer;
import io.github.dockerlayer.log.RecordingLog;
import io.github.dockerlayer.registry.credentials.CredentialProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink's order and fallbacks, against an in-process fake registry (error paths; the ITs use a real one). */
class RegistryImageSinkTest {
    @TempDir
    Path temp;

    private FakeRegistry fake;
    private final RecordingLog log = RecordingLog.withLevels();
    /** Blobs the fake holds, by repository-qualified digest: "repo@sha256:...". */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws IOException {
        fake = new FakeRegistry();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private Registries registries() {
        return new Registries(
                host -> FakeRegistry.client(host, CredentialProvider.ANONYMOUS, 2, log),
                temp.resolve("cache"),
                false,
                log);
    }

    private Image image(String... contents) throws IOException {
        BlobStore store = BlobStore.at(temp.resolve("blobs"));
        Image image = Images.scratch();
        for (String content : contents) {
            Layer layer = ReproducibleLayer.write(
                    List.of(LayerEntry.bytes("/" + content, content.getBytes())), Instant.EPOCH, store);
            image = Images.appendLayer(image, layer, Instant.EPOCH, content);
        }
        return image;
    }

    /** A registry: HEAD by what it holds; uploads stored on PUT; mounts answered by {@code mountStatus}; manifests stored. */
    private void registry(int mountStatus, Set<String> failingDigests) {
        fake.handle(call -> {
            String path = call.path();
            String query = call.query() == null ? "" : call.query();
            String repo = path.replaceFirst("^/v2/", "").replaceFirst("/(blobs|manifests)/.*$", "");
            if (call.method().equals("HEAD") && path.contains("/blobs/")) {
                call.respond(held.contains(repo + "@" + path.substring(path.lastIndexOf('/') + 1)) ? 200 : 404);
            } else if (call.method().equals("HEAD") && path.contains("/manifests/")) {
                call.respond(404);
            } else if (call.method().equals("POST") && query.contains("mount=")) {
                if (mountStatus == 201) {
                    held.add(repo + "@"
                            + query.replaceAll(".*mount=([^&]+).*", "$1").replace("%3A", ":"));
                    call.header("Location", "/v2/" + repo + "/blobs/x").respond(201);
                } else {
                    call.header("Location", "/v2/" + repo + "/blobs/uploads/m1").respond(202);
                }
            } else if (call.method().equals("POST")) {
                call.header("Location", "/v2/" + repo + "/blobs/uploads/u" + System.nanoTime())
                        .respond(202);
            } else if (call.method().equals("PUT") && path.contains("/blobs/uploads/")) {
                String digest = query.replaceAll(".*digest=([^&]+).*", "$1").replace("%3A", ":");
                if (failingDigests.contains(digest)) {
                    call.respond(500);
                    return;
                }
                held.add(repo + "@" + digest);
                call.respond(201);
            } else if (call.method().equals("DELETE")) {
                call.respond(204);
            } else if (call.method().equals("PUT") && path.contains("/manifests/")) {
                call.header("Docker-Content-Digest", Digest.sha256(call.body()).toString())
                        .respond(201);
            } else {
                call.respond(404);
            }
        });
    }

    private static Layer from(Layer layer, String repository) {
        Blob blob = layer.blob();
        return layer.withBlob(new Blob() {
            @Override
            public java.io.InputStream open() throws IOException {
                return blob.open();
            }

            @Override
            public String repository() {
                return repository;
            }
        });
    }

    @Test
    void presentBlobsAreSkippedOthersMountedFromTheSameRegistryAndTheRestUploaded() throws IOException {
        registry(201, Set.of());
        Image image = image("jre", "deps", "classes");
        List<Layer> layers = image.layers();
        held.add("team/app@" + layers.get(0).digest());
        Image withSources = Images.of(
                image.config(),
                List.of(
                        layers.get(0),
                        from(layers.get(1), fake.address() + "/team/app-base"),
                        from(layers.get(2), "other.example/team/x")));
        try (Registries registries = registries()) {
            RegistryImageSink.Pushed pushed = new RegistryImageSink(registries)
                    .push(withSources, ImageReference.parse(fake.address() + "/team/app"), List.of("1.0", "latest"));
            Map<Digest, RegistryImageSink.BlobPush> blobs = pushed.blobs();
            assertEquals(PushStatus.PRESENT, blobs.get(layers.get(0).digest()).status());
            assertEquals(PushStatus.MOUNTED, blobs.get(layers.get(1).digest()).status());
            assertEquals(
                    PushStatus.UPLOADED,
                    blobs.get(layers.get(2).digest()).status(),
                    "another registry's blob is uploaded");
            assertEquals(layers.get(2).size(), blobs.get(layers.get(2).digest()).bytesSent());
            assertEquals(
                    PushStatus.UPLOADED,
                    blobs.get(image.configDescriptor().digest()).status());
            assertEquals(image.manifestDescriptor().digest(), pushed.manifest());
            assertEquals(
                    2,
                    fake.requests().stream()
                            .filter(s -> s.method().equals("PUT") && s.path().contains("/manifests/"))
                            .count());
        }
    }

    @Test
    void aRefusedMountFallsBackToAnUpload() throws IOException {
        registry(202, Set.of());
        Image image = image("deps");
        Layer layer = image.layers().get(0);
        Image withSource = Images.of(image.config(), List.of(from(layer, fake.address() + "/team/app-base")));
        try (Registries registries = registries()) {
            RegistryImageSink.Pushed pushed = new RegistryImageSink(registries)
                    .push(withSource, ImageReference.parse(fake.address() + "/team/app"), List.of("1.0"));
            assertEquals(PushStatus.UPLOADED, pushed.blobs().get(layer.digest()).status());
            assertTrue(held.contains("team/app@" + layer.digest()));
        }
    }

    @Test
    void noManifestIsPutWhenABlobCannotBeUploaded() throws IOException {
        Image image = image("a", "b", "c");
        registry(201, Set.of(image.layers().get(1).digest().toString()));
        try (Registries registries = registries()) {
            RegistryImageSink sink = new RegistryImageSink(registries);
            ImageReference repository = ImageReference.parse(fake.address() + "/team/app");
            IOException e = assertThrows(IOException.class, () -> sink.push(image, repository, List.of("1.0")));
            assertTrue(
                    e.getMessage().contains("500")
                            || e.getMessage().toLowerCase().contains("fail"),
                    e.getMessage());
        }
        assertEquals(
                0,
                fake.requests().stream()
                        .filter(s ->
                                s.path().contains("/manifests/") && s.method().equals("PUT"))
                        .count(),
                "a manifest was put although one of its blobs is missing");
    }
}
