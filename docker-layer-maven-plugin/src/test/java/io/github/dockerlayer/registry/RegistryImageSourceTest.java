package io.github.dockerlayer.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.log.RecordingLog;
import io.github.dockerlayer.maven.MavenWording;
import io.github.dockerlayer.registry.credentials.CredentialProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading images from a registry: indexes, Docker manifests, laziness and the cache (against an in-process fake). */
class RegistryImageSourceTest {
    @TempDir
    Path temp;

    private FakeRegistry fake;
    private final RecordingLog log = RecordingLog.withLevels();
    /** What the fake serves: path → [content type, bytes]. */
    private final Map<String, Object[]> served = new HashMap<>();

    private static final byte[] LAYER = "not really a tar, but bytes with a digest".getBytes(StandardCharsets.UTF_8);
    private static final Digest LAYER_DIGEST = Digest.sha256(LAYER);
    private static final Digest DIFF_ID = Digest.sha256("the uncompressed tar".getBytes(StandardCharsets.UTF_8));
    private byte[] config;
    private byte[] manifest;
    private byte[] index;

    @BeforeEach
    void start() throws IOException {
        fake = new FakeRegistry();
        // A config whose bytes are not canonical (spaces, key order): its digest is the registry's, as it is.
        config =
                ("{ \"os\": \"linux\", \"architecture\": \"amd64\", \"rootfs\": {\"type\": \"layers\", \"diff_ids\": [\""
                                + DIFF_ID + "\"]}, \"config\": {\"Env\": [\"A=1\"]} }")
                        .getBytes(StandardCharsets.UTF_8);
        manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.DOCKER_MANIFEST
                        + "\",\"config\":{\"mediaType\":\""
                        + MediaType.DOCKER_CONFIG + "\",\"digest\":\"" + Digest.sha256(config) + "\",\"size\":"
                        + config.length
                        + "},\"layers\":[{\"mediaType\":\"" + MediaType.DOCKER_LAYER_GZIP + "\",\"digest\":\""
                        + LAYER_DIGEST
                        + "\",\"size\":" + LAYER.length + "}]}")
                .getBytes(StandardCharsets.UTF_8);
        index = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.DOCKER_MANIFEST_LIST + "\",\"manifests\":["
                        + "{\"mediaType\":\"" + MediaType.DOCKER_MANIFEST + "\",\"digest\":\""
                        + Digest.sha256("other".getBytes())
                        + "\",\"size\":5,\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\"}},"
                        + "{\"mediaType\":\"" + MediaType.DOCKER_MANIFEST + "\",\"digest\":\"" + Digest.sha256(manifest)
                        + "\",\"size\":"
                        + manifest.length + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}")
                .getBytes(StandardCharsets.UTF_8);
        served.put("/v2/library/jre/manifests/21", new Object[] {MediaType.DOCKER_MANIFEST_LIST, index});
        served.put(
                "/v2/library/jre/manifests/" + Digest.sha256(manifest),
                new Object[] {MediaType.DOCKER_MANIFEST, manifest});
        served.put("/v2/library/jre/blobs/" + Digest.sha256(config), new Object[] {"application/octet-stream", config});
        served.put("/v2/library/jre/blobs/" + LAYER_DIGEST, new Object[] {"application/octet-stream", LAYER});
        fake.handle(call -> {
            Object[] answer = served.get(call.path());
            if (answer == null) {
                call.json(404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"unknown\"}]}");
                return;
            }
            call.header("Content-Type", (String) answer[0]);
            call.header(
                    "Docker-Content-Digest", Digest.sha256((byte[]) answer[1]).toString());
            call.respond(200, (byte[]) answer[1]);
        });
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private Registries registries(boolean offline) {
        return new Registries(
                host -> FakeRegistry.client(host, CredentialProvider.ANONYMOUS, 1, log),
                temp.resolve("cache"),
                offline,
                log);
    }

    private ImageReference jre(String tagOrDigest) {
        return ImageReference.parse(fake.address() + "/library/jre" + tagOrDigest);
    }

    @Test
    void aManifestListGivesThePlatformsImageWithOciLayerTypesAndLayersLeftInTheRegistry() throws IOException {
        try (Registries registries = registries(false)) {
            RegistryImageSource.Pulled pulled =
                    new RegistryImageSource(registries).read(jre(":21"), Platform.LINUX_AMD64);
            assertEquals(Digest.sha256(manifest), pulled.manifest().digest());
            assertEquals(
                    Digest.sha256(config), pulled.config(), "the declared config digest, not a re-serialization's");
            assertEquals(1, pulled.image().layers().size());
            assertEquals(
                    MediaType.OCI_LAYER_GZIP,
                    pulled.image().layers().get(0).descriptor().mediaType());
            assertEquals(DIFF_ID, pulled.image().layers().get(0).diffId());
            assertEquals(
                    fake.address() + "/library/jre",
                    pulled.image().layers().get(0).blob().repository());
            assertNull(pulled.image().layers().get(0).blob().file(), "the layer is not downloaded yet");
            assertEquals(
                    0,
                    fake.requests().stream()
                            .filter(s -> s.path().endsWith(LAYER_DIGEST.toString()))
                            .count(),
                    "reading the image fetched a layer");
            // Opened: fetched once into the cache, checked, and read from there afterwards.
            assertArrayEquals(LAYER, pulled.image().layers().get(0).open().readAllBytes());
            assertArrayEquals(LAYER, pulled.image().layers().get(0).open().readAllBytes());
            assertEquals(
                    1,
                    fake.requests().stream()
                            .filter(s -> s.path().endsWith(LAYER_DIGEST.toString()))
                            .count());
        }
    }

    @Test
    void aDigestReferenceIsNeverFetchedTwiceAndATagPulledOnceWorksOffline() throws IOException {
        ImageReference byDigest = jre("@" + Digest.sha256(manifest));
        try (Registries registries = registries(false)) {
            RegistryImageSource source = new RegistryImageSource(registries);
            source.read(byDigest, Platform.LINUX_AMD64);
            long requests = fake.requests().size();
            source.read(byDigest, Platform.LINUX_AMD64);
            assertEquals(requests, fake.requests().size(), "a digest reference was fetched again");
            source.read(jre(":21"), Platform.LINUX_AMD64);
        }
        long before = fake.requests().size();
        try (Registries offline = registries(true)) {
            RegistryImageSource.Pulled pulled = new RegistryImageSource(offline).read(jre(":21"), Platform.LINUX_AMD64);
            assertEquals(Digest.sha256(manifest), pulled.manifest().digest());
            Registries.OfflineException never = assertThrows(
                    Registries.OfflineException.class,
                    () -> new RegistryImageSource(offline).read(jre(":22"), Platform.LINUX_AMD64),
                    "a tag never pulled");
            String maven = MavenWording.phrase(never.getMessage()); // the plugin layer says Maven's offline mode
            assertTrue(maven.startsWith("Maven is offline (-o), so registry "), maven);
            assertTrue(
                    maven.endsWith(" cannot be reached. Run once without -o (the plugin then keeps what it pulled in"
                            + " its cache), or use a from image on disk (oci:PATH, docker-archive:PATH)."),
                    maven);
        }
        assertEquals(before, fake.requests().size(), "an offline read sent a request");
    }

    @Test
    void aMissingPlatformListsWhatTheIndexOffersAndAMissingTagIsEmpty() throws IOException {
        try (Registries registries = registries(false)) {
            RegistryImageSource source = new RegistryImageSource(registries);
            Platform.NotOffered e = assertThrows(
                    Platform.NotOffered.class, () -> source.read(jre(":21"), Platform.parse("linux/s390x")));
            assertTrue(e.getMessage().contains("linux/arm64, linux/amd64"), e.getMessage());
            assertTrue(source.find(jre(":nope"), Platform.LINUX_AMD64).isEmpty());
        }
    }
}
