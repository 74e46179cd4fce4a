package io.github.dockerlayer.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.image.Annotations;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.layer.LayerEntry;
import io.github.dockerlayer.layer.ReproducibleLayer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutTest {
    private static final Instant TIME = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path temp;

    private Path root;
    private OciLayout layout;

    @BeforeEach
    void setUp() throws IOException {
        root = temp.resolve("oci");
        layout = OciLayout.openOrCreate(root);
    }

    // ---- helpers

    private Layer layer(String path, String content) throws IOException {
        return ReproducibleLayer.write(
                List.of(LayerEntry.bytes(path, content.getBytes(StandardCharsets.UTF_8))), TIME, layout.store());
    }

    private static Image image(String architecture, Layer... layers) {
        Image image = Images.scratch();
        for (Layer layer : layers) {
            image = Images.appendLayer(image, layer, TIME, "test");
        }
        ObjectNode config = image.config();
        config.put("architecture", architecture);
        return Images.of(config, image.layers());
    }

    private static Descriptor named(Descriptor descriptor, String refName) {
        return descriptor.withAnnotations(Map.of(Annotations.REF_NAME, refName));
    }

    private Set<String> blobFiles() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("blobs/sha256"))) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private byte[] indexOf(Descriptor... manifests) {
        ObjectNode index = Json.object();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaType.OCI_INDEX);
        ArrayNode array = index.putArray("manifests");
        for (Descriptor d : manifests) {
            array.add(Image.descriptorJson(d));
        }
        return Json.bytes(index);
    }

    private byte[] platformIndex(Map<Descriptor, String[]> platforms) {
        ObjectNode index = Json.object();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaType.OCI_INDEX);
        ArrayNode array = index.putArray("manifests");
        platforms.forEach((d, platform) -> {
            ObjectNode node = Image.descriptorJson(d);
            node.putObject("platform").put("architecture", platform[0]).put("os", platform[1]);
            array.add(node);
        });
        return Json.bytes(index);
    }

    // ---- creation and opening

    @Test
    void openOrCreateWritesLayoutFileAndEmptyIndex() throws IOException {
        JsonNode layoutFile = Json.MAPPER.readTree(Files.readAllBytes(root.resolve("oci-layout")));
        assertEquals("1.0.0", layoutFile.path("imageLayoutVersion").asText());
        JsonNode index = Json.MAPPER.readTree(Files.readAllBytes(root.resolve("index.json")));
        assertEquals(2, index.path("schemaVersion").asInt());
        assertEquals(MediaType.OCI_INDEX, index.path("mediaType").asText());
        assertTrue(index.path("manifests").isArray());
        assertEquals(0, index.path("manifests").size());
        assertTrue(Files.isDirectory(root.resolve("blobs/sha256")));
        assertEquals(List.of(), layout.indexEntries());
    }

    @Test
    void openOrCreateKeepsAnExistingIndex() throws IOException {
        Descriptor blob = named(layout.writeBlob("{}".getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST), "1.0");
        layout.writeIndex(List.of(blob));
        OciLayout again = OciLayout.openOrCreate(root);
        assertEquals(List.of(blob), again.indexEntries());
        assertEquals(List.of(blob), OciLayout.open(root).indexEntries());
    }

    @Test
    void openOfANonLayoutDirectoryFails() throws IOException {
        Path plain = Files.createDirectories(temp.resolve("plain"));
        assertThrows(IOException.class, () -> OciLayout.open(plain));
        Files.writeString(plain.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        assertThrows(IOException.class, () -> OciLayout.open(plain), "index.json is missing too");
        assertThrows(IOException.class, () -> OciLayout.open(temp.resolve("missing")));
    }

    @Test
    void noTemporaryFilesAreLeftBehind() throws IOException {
        layout.writeIndex(List.of());
        layout.writeBlob(new byte[] {1, 2, 3}, "application/octet-stream");
        try (Stream<Path> files = Files.list(root)) {
            assertEquals(
                    Set.of("oci-layout", "index.json", "blobs"),
                    files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
        assertEquals(Set.of(Digest.sha256(new byte[] {1, 2, 3}).hex()), blobFiles());
    }

    // ---- blobs

    @Test
    void writeBlobHasBlobReadBlob() throws IOException {
        byte[] bytes = "hello blob".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(bytes);
        assertFalse(layout.hasBlob(digest));
        Descriptor descriptor = layout.writeBlob(bytes, "text/plain");
        assertEquals(new Descriptor("text/plain", digest, bytes.length), descriptor);
        assertTrue(layout.hasBlob(digest));
        assertArrayEquals(bytes, layout.readBlob(digest));
        assertEquals(root.resolve("blobs/sha256/" + digest.hex()), layout.blobPath(digest));
        // Writing it again is harmless and gives the same descriptor.
        assertEquals(descriptor, layout.writeBlob(bytes, "text/plain"));
        assertEquals(Set.of(digest.hex()), blobFiles());
    }

    @Test
    void readBlobOfAMissingBlobFails() {
        assertThrows(IOException.class, () -> layout.readBlob(Digest.sha256(new byte[] {42})));
    }

    @Test
    void importBlobCopiesAndChecksTheDigest() throws IOException {
        byte[] bytes = "imported".getBytes(StandardCharsets.UTF_8);
        Path source = Files.write(temp.resolve("source"), bytes);
        Digest digest = Digest.sha256(bytes);
        layout.importBlob(source, digest);
        assertTrue(layout.hasBlob(digest));
        assertArrayEquals(bytes, layout.readBlob(digest));
        assertArrayEquals(bytes, Files.readAllBytes(source), "the source is untouched");
        assertEquals(Set.of(digest.hex()), blobFiles());
    }

    @Test
    void importBlobWithAWrongDigestThrowsAndLeavesNoBlob() throws IOException {
        byte[] bytes = "imported".getBytes(StandardCharsets.UTF_8);
        Path source = Files.write(temp.resolve("source"), bytes);
        Digest wrong = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class, () -> layout.importBlob(source, wrong));
        assertTrue(e.getMessage().contains(wrong.toString()), e.getMessage());
        assertFalse(layout.hasBlob(wrong));
        assertFalse(layout.hasBlob(Digest.sha256(bytes)));
        assertEquals(Set.of(), blobFiles(), "no blob and no temporary file is left");
        assertArrayEquals(bytes, Files.readAllBytes(source), "the source is untouched");
    }

    // ---- index

    @Test
    void writeIndexSortsEntriesByRefNameAndReadsBack() throws IOException {
        Descriptor a = layout.writeBlob("{\"a\":1}".getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST);
        Descriptor b = layout.writeBlob("{\"b\":1}".getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST);
        Descriptor c = layout.writeBlob("{\"c\":1}".getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST);
        Descriptor latest = named(a, "latest");
        Descriptor v1 = named(b, "1.0");
        Descriptor base = c.withAnnotations(Map.of(Annotations.REF_NAME, "base-1", Annotations.ROLE, "base"));
        layout.writeIndex(List.of(latest, v1, base));

        List<Descriptor> read = layout.indexEntries();
        assertEquals(List.of(v1, base, latest), read);
        assertEquals(
                Map.of(Annotations.REF_NAME, "base-1", Annotations.ROLE, "base"),
                read.get(1).annotations());

        // The file itself lists them in that order.
        JsonNode manifests = Json.MAPPER
                .readTree(Files.readAllBytes(root.resolve("index.json")))
                .path("manifests");
        assertEquals(
                "1.0",
                manifests.get(0).path("annotations").path(Annotations.REF_NAME).asText());
        assertEquals(
                "latest",
                manifests.get(2).path("annotations").path(Annotations.REF_NAME).asText());
    }

    @Test
    void writeIndexIsIndependentOfInputOrder() throws IOException {
        Descriptor a =
                named(layout.writeBlob("{\"a\":1}".getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST), "x");
        Descriptor b =
                named(layout.writeBlob("{\"b\":1}".getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST), "x");
        Descriptor unnamed = layout.writeBlob("{\"c\":1}".getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST);
        layout.writeIndex(List.of(a, b, unnamed));
        byte[] first = Files.readAllBytes(root.resolve("index.json"));
        layout.writeIndex(List.of(b, unnamed, a));
        assertArrayEquals(first, Files.readAllBytes(root.resolve("index.json")));
        List<Descriptor> read = layout.indexEntries();
        assertEquals(unnamed, read.get(0), "no ref name sorts first");
        assertTrue(
                read.get(1).digest().toString().compareTo(read.get(2).digest().toString()) < 0,
                "equal ref names are ordered by digest");
    }

    @Test
    void tagReplacesTheEntriesOfItsRoleAndOfItsNamesAndKeepsTheOthers() throws IOException {
        Descriptor oldApp = layout.writeBlob("{\"a\":1}".getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST);
        Descriptor base = layout.writeBlob("{\"b\":1}".getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST);
        Descriptor other = layout.writeBlob("{\"c\":1}".getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST);
        Descriptor newApp = layout.writeBlob("{\"d\":1}".getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST);
        layout.tag(oldApp, List.of(ImageReference.parse("example/app:0.9")), "app");
        layout.tag(base, List.of(ImageReference.parse("example/app-base:1a2b")), "base");
        // an entry of no role that holds one of the new names is replaced too; one with another name stays
        layout.writeIndex(List.of(
                layout.indexEntries().get(0),
                layout.indexEntries().get(1),
                named(other, "latest"),
                named(other, "kept")));

        layout.tag(
                newApp,
                List.of(ImageReference.parse("example/app:1.0"), ImageReference.parse("example/app:latest")),
                "app");

        List<Descriptor> read = layout.indexEntries();
        assertEquals(
                List.of("1.0", "1a2b", "kept", "latest"),
                read.stream()
                        .map(d -> d.annotations().get(Annotations.REF_NAME))
                        .toList());
        assertEquals(
                Map.of(
                        Annotations.REF_NAME, "1.0",
                        Annotations.CONTAINERD_IMAGE_NAME, "example/app:1.0",
                        Annotations.ROLE, "app"),
                read.get(0).annotations());
        assertEquals(newApp.digest(), read.get(0).digest());
        assertEquals(base.digest(), read.get(1).digest());
        assertEquals("base", read.get(1).annotations().get(Annotations.ROLE));
        assertEquals(other.digest(), read.get(2).digest());
        assertEquals(newApp.digest(), read.get(3).digest());
    }

    // ---- images

    @Test
    void writeImageAndReadItBack() throws IOException {
        Layer l1 = layer("/a/one.txt", "one");
        Layer l2 = layer("/b/two.txt", "two");
        Image image = image("amd64", l1, l2);
        Descriptor manifest = layout.writeImage(image);
        assertEquals(MediaType.OCI_MANIFEST, manifest.mediaType());
        assertEquals(image.manifestDescriptor(), manifest);
        assertTrue(layout.hasBlob(image.configDescriptor().digest()));
        assertArrayEquals(image.manifestBytes(), layout.readBlob(manifest.digest()));

        Image read = layout.readImage(manifest);
        assertEquals(List.of(l1, l2), read.layers());
        assertEquals(image.config(), read.config());
        assertArrayEquals(image.manifestBytes(), read.manifestBytes());
    }

    @Test
    void writeImageFailsWhenALayerBlobIsMissing() throws IOException {
        Layer present = layer("/a/one.txt", "one");
        Layer missing = new Layer(
                new Descriptor(MediaType.OCI_LAYER_GZIP, Digest.sha256(new byte[] {9}), 1),
                Digest.sha256(new byte[] {8}));
        Image image = image("amd64", present, missing);
        IOException e = assertThrows(IOException.class, () -> layout.writeImage(image));
        assertTrue(e.getMessage().contains(missing.digest().toString()), e.getMessage());
        assertFalse(layout.hasBlob(image.manifestDescriptor().digest()), "no manifest written");
        assertFalse(layout.hasBlob(image.configDescriptor().digest()), "no config written");
    }

    @Test
    void readImageOfAnIndexPicksLinuxAmd64() throws IOException {
        Layer shared = layer("/a/one.txt", "one");
        Image arm = image("arm64", shared, layer("/arm.txt", "arm"));
        Image amd = image("amd64", shared, layer("/amd.txt", "amd"));
        Image windows = image("amd64", shared);
        Descriptor armManifest = layout.writeImage(arm);
        Descriptor amdManifest = layout.writeImage(amd);
        Descriptor windowsManifest = layout.writeImage(windows);
        Map<Descriptor, String[]> platforms = new java.util.LinkedHashMap<>();
        platforms.put(armManifest, new String[] {"arm64", "linux"});
        platforms.put(windowsManifest, new String[] {"amd64", "windows"});
        platforms.put(amdManifest, new String[] {"amd64", "linux"});
        Descriptor index = layout.writeBlob(platformIndex(platforms), MediaType.OCI_INDEX);

        Image read = layout.readImage(index);
        assertEquals("amd64", read.config().path("architecture").asText());
        assertEquals(amd.layers(), read.layers());
        assertArrayEquals(amd.manifestBytes(), read.manifestBytes());
    }

    @Test
    void readImageOfAnIndexWithOneEntryTakesIt() throws IOException {
        Image arm = image("arm64", layer("/arm.txt", "arm"));
        Descriptor armManifest = layout.writeImage(arm);
        Descriptor index = layout.writeBlob(
                platformIndex(Map.of(armManifest, new String[] {"arm64", "linux"})), MediaType.OCI_INDEX);
        assertEquals(arm.layers(), layout.readImage(index).layers());
    }

    @Test
    void readImageOfAnIndexWithoutLinuxAmd64Fails() throws IOException {
        Descriptor armManifest = layout.writeImage(image("arm64", layer("/arm.txt", "arm")));
        Descriptor s390Manifest = layout.writeImage(image("s390x", layer("/s390.txt", "s390")));
        Map<Descriptor, String[]> platforms = new java.util.LinkedHashMap<>();
        platforms.put(armManifest, new String[] {"arm64", "linux"});
        platforms.put(s390Manifest, new String[] {"s390x", "linux"});
        Descriptor index = layout.writeBlob(platformIndex(platforms), MediaType.OCI_INDEX);
        Platform.NotOffered e = assertThrows(Platform.NotOffered.class, () -> layout.readImage(index));
        assertTrue(e.getMessage().contains("offers linux/arm64, linux/s390x but no linux/amd64"), e.getMessage());
        assertEquals(
                armManifest.digest(),
                layout.readImage(index, Platform.parse("linux/arm64"))
                        .manifestDescriptor()
                        .digest(),
                "another platform asked for is taken");
    }

    @Test
    void readImageTurnsDockerLayerTypesIntoOciOnes() throws IOException {
        Layer l = layer("/a.txt", "a");
        Image image = image("amd64", l);
        Descriptor config = layout.writeBlob(image.configBytes(), MediaType.DOCKER_CONFIG);
        ObjectNode manifest = Json.object();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaType.DOCKER_MANIFEST);
        manifest.set("config", Image.descriptorJson(config));
        manifest.putArray("layers")
                .add(Image.descriptorJson(new Descriptor(MediaType.DOCKER_LAYER_GZIP, l.digest(), l.size())));
        Descriptor manifestDescriptor = layout.writeBlob(Json.bytes(manifest), MediaType.DOCKER_MANIFEST);

        Image read = layout.readImage(manifestDescriptor);
        assertEquals(List.of(l), read.layers());
        assertEquals(MediaType.OCI_LAYER_GZIP, read.layers().get(0).descriptor().mediaType());
    }

    // ---- garbage collection

    @Test
    void collectGarbageKeepsWhatTheIndexReachesAndDropsTheRest() throws IOException {
        Layer shared = layer("/shared.txt", "shared");
        Layer keptOnly = layer("/kept.txt", "kept");
        Layer droppedOnly = layer("/dropped.txt", "dropped");
        Layer nestedOnly = layer("/nested.txt", "nested");
        Image kept = image("amd64", shared, keptOnly);
        Image dropped = image("amd64", shared, droppedOnly);
        Image nested = image("arm64", nestedOnly);
        Descriptor keptManifest = layout.writeImage(kept);
        Descriptor droppedManifest = layout.writeImage(dropped);
        Descriptor nestedManifest = layout.writeImage(nested);
        Descriptor nestedIndex = layout.writeBlob(indexOf(nestedManifest), MediaType.OCI_INDEX);
        Descriptor stray = layout.writeBlob("stray".getBytes(StandardCharsets.UTF_8), "text/plain");
        Path tempBlob = Files.createTempFile(root.resolve("blobs/sha256"), ".tmp-", ".tmp");
        Files.writeString(tempBlob, "half written");
        Path atomicTemp = Files.createTempFile(root.resolve("blobs/sha256"), ".x", ".tmp");
        layout.writeIndex(List.of(named(keptManifest, "1.0"), named(nestedIndex, "multi")));

        layout.collectGarbage();

        for (Digest live : List.of(
                keptManifest.digest(),
                kept.configDescriptor().digest(),
                shared.digest(),
                keptOnly.digest(),
                nestedIndex.digest(),
                nestedManifest.digest(),
                nested.configDescriptor().digest(),
                nestedOnly.digest())) {
            assertTrue(layout.hasBlob(live), "kept " + live);
        }
        for (Digest dead : List.of(
                droppedManifest.digest(), dropped.configDescriptor().digest(), droppedOnly.digest(), stray.digest())) {
            assertFalse(layout.hasBlob(dead), "dropped " + dead);
        }
        assertFalse(Files.exists(tempBlob), "temporary blob removed");
        assertFalse(Files.exists(atomicTemp), "temporary file removed");
        assertEquals(8, blobFiles().size(), "nothing else is left: " + blobFiles());
        // The layout is still whole: the kept image reads back.
        assertEquals(kept.layers(), layout.readImage(keptManifest).layers());
        assertEquals(nested.layers(), layout.readImage(nestedIndex).layers());
    }

    @Test
    void collectGarbageOfAnEmptyIndexRemovesEverything() throws IOException {
        layout.writeImage(image("amd64", layer("/a.txt", "a")));
        assertFalse(blobFiles().isEmpty());
        layout.collectGarbage();
        assertEquals(Set.of(), blobFiles());
        assertEquals(List.of(), layout.indexEntries());
    }

    @Test
    void collectGarbageToleratesAnEntryWhoseBlobIsMissing() throws IOException {
        Image image = image("amd64", layer("/a.txt", "a"));
        Descriptor manifest = layout.writeImage(image);
        Descriptor ghost = new Descriptor(MediaType.OCI_MANIFEST, Digest.sha256(new byte[] {7}), 1);
        layout.writeIndex(List.of(named(manifest, "a"), named(ghost, "ghost")));
        layout.collectGarbage();
        assertTrue(layout.hasBlob(manifest.digest()));
        assertTrue(layout.hasBlob(image.configDescriptor().digest()));
        assertTrue(layout.hasBlob(image.layers().get(0).digest()));
    }
}
