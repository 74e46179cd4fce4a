package io.github.dockerlayer.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.layer.LayerCache;
import io.github.dockerlayer.layout.OciLayout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerArchiveTest {
    private static final String L1 = "l1/layer.tar";
    private static final String L2 = "l2/layer.tar";

    @TempDir
    Path temp;

    private byte[] layer1;
    private byte[] layer2;
    private OciLayout layout;
    private Path cacheDir;

    @BeforeEach
    void setUp() throws IOException {
        layer1 = tar(Map.of("etc/hello.txt", "hello\n"));
        layer2 = tar(Map.of("app/app.jar", "not really a jar", "app/README", "readme"));
        layout = OciLayout.openOrCreate(temp.resolve("oci"));
        cacheDir = temp.resolve("cache");
    }

    // ---- helpers

    /** A small uncompressed tar of files (name to text), in the given map's iteration order, sorted for stability. */
    private static byte[] tar(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (String name : files.keySet().stream().sorted().toList()) {
                byte[] content = files.get(name).getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setSize(content.length);
                entry.setModTime(1000L);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    private static ObjectNode config(Digest... diffIds) {
        ObjectNode config = Json.object();
        config.put("architecture", "amd64");
        config.put("os", "linux");
        config.putObject("config").putArray("Env").add("PATH=/usr/bin");
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode ids = rootfs.putArray("diff_ids");
        for (Digest d : diffIds) {
            ids.add(d.toString());
        }
        return config;
    }

    private static byte[] manifest(String config, List<String> layers) {
        ArrayNode manifests = Json.MAPPER.createArrayNode();
        ObjectNode first = manifests.addObject();
        first.put("Config", config);
        first.putArray("RepoTags").add("x/y:1");
        ArrayNode array = first.putArray("Layers");
        layers.forEach(array::add);
        return Json.bytes(manifests);
    }

    /** Writes a docker-save style tar of the entries (name to bytes), in order. */
    private Path archive(String fileName, Map<String, byte[]> entries) throws IOException {
        Path file = temp.resolve(fileName);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    /** The usual archive: manifest.json, cfg.json and the two layers with their given bytes and diff_ids. */
    private Path archive(String fileName, byte[] l1, byte[] l2, Digest diffId1, Digest diffId2) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("manifest.json", manifest("cfg.json", List.of(L1, L2)));
        entries.put("cfg.json", Json.bytes(config(diffId1, diffId2)));
        entries.put(L1, l1);
        entries.put(L2, l2);
        return archive(fileName, entries);
    }

    private Path plainArchive() throws IOException {
        return archive("image.tar", layer1, layer2, Digest.sha256(layer1), Digest.sha256(layer2));
    }

    private void assertImported(Image image, byte[]... layerTars) throws IOException {
        assertEquals(layerTars.length, image.layers().size());
        for (int i = 0; i < layerTars.length; i++) {
            Layer layer = image.layers().get(i);
            assertEquals(Digest.sha256(layerTars[i]), layer.diffId(), "diffId of layer " + i);
            assertEquals(MediaType.OCI_LAYER_GZIP, layer.descriptor().mediaType());
            assertTrue(layout.hasBlob(layer.digest()), "blob of layer " + i + " is in the layout");
            byte[] blob = layout.readBlob(layer.digest());
            assertEquals(layer.digest(), Digest.sha256(blob), "blob content matches its digest");
            assertEquals(blob.length, layer.size());
            assertArrayEquals(layerTars[i], gunzip(blob), "blob " + i + " gunzips to the layer tar");
        }
    }

    // ---- tests

    @Test
    void contentsReadsManifestAndConfig() throws IOException {
        DockerArchive.Contents contents = new DockerArchive(plainArchive()).contents();
        assertEquals(List.of("x/y:1"), contents.repoTags());
        assertEquals(List.of(L1, L2), contents.layerPaths());
        assertEquals(config(Digest.sha256(layer1), Digest.sha256(layer2)), contents.config());
    }

    @Test
    void importsUncompressedLayersAsGzipBlobs() throws IOException {
        Image image = importArchive(plainArchive());
        assertImported(image, layer1, layer2);
        assertEquals(
                List.of(Digest.sha256(layer1).toString(), Digest.sha256(layer2).toString()),
                List.of(
                        image.config().path("rootfs").path("diff_ids").get(0).asText(),
                        image.config().path("rootfs").path("diff_ids").get(1).asText()));
        assertEquals(
                "PATH=/usr/bin",
                image.config().path("config").path("Env").get(0).asText(),
                "config kept");
        // The image can be written to the layout: all its blobs are there.
        layout.writeImage(image);
        assertTrue(layout.hasBlob(image.manifestDescriptor().digest()));
    }

    @Test
    void importsAGzippedLayerAsIs() throws IOException {
        byte[] gzipped2 = gzip(layer2);
        Path file = archive("gz.tar", layer1, gzipped2, Digest.sha256(layer1), Digest.sha256(layer2));
        Image image = importArchive(file);
        assertImported(image, layer1, layer2);
        Layer second = image.layers().get(1);
        assertEquals(Digest.sha256(gzipped2), second.digest(), "a gzipped layer is stored byte for byte");
        assertEquals(gzipped2.length, second.size());
    }

    @Test
    void importRemembersLayersInTheCache() throws IOException {
        Path file = plainArchive();
        Image first = importArchive(file);
        for (Layer layer : first.layers()) {
            assertTrue(
                    Files.isRegularFile(
                            cacheDir.resolve("import-" + layer.diffId().hex() + ".json")),
                    "cache entry for " + layer.diffId());
        }
        Image second = importArchive(file);
        assertEquals(first.layers(), second.layers());
        assertArrayEquals(first.manifestBytes(), second.manifestBytes());
    }

    @Test
    void secondImportReusesLayersWithoutReadingThem() throws IOException {
        importArchive(plainArchive());
        // Same diff_ids, but layer contents that would fail the diffId check if they were read again.
        byte[] junk = "junk, not the layer".getBytes(StandardCharsets.UTF_8);
        Path same = archive("same-ids.tar", junk, junk, Digest.sha256(layer1), Digest.sha256(layer2));
        Image image = importArchive(same);
        assertImported(image, layer1, layer2);
    }

    @Test
    void cacheEntryWhoseBlobIsGoneIsImportedAgain() throws IOException {
        Path file = plainArchive();
        Image first = importArchive(file);
        Files.delete(layout.blobPath(first.layers().get(0).digest()));
        assertFalse(layout.hasBlob(first.layers().get(0).digest()));
        Image second = importArchive(file);
        assertEquals(first.layers(), second.layers());
        assertImported(second, layer1, layer2);
    }

    @Test
    void wrongDiffIdOfAnUncompressedLayerFailsNamingTheLayer() throws IOException {
        Digest wrong = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8));
        Path file = archive("bad.tar", layer1, layer2, Digest.sha256(layer1), wrong);
        IOException e = assertThrows(IOException.class, () -> importArchive(file));
        assertTrue(e.getMessage().contains(L2), e.getMessage());
        assertTrue(
                e.getMessage().contains(Digest.sha256(layer2).toString()),
                "names the actual diffId: " + e.getMessage());
        assertTrue(e.getMessage().contains(wrong.toString()), "names the config's diffId: " + e.getMessage());
    }

    @Test
    void wrongDiffIdIsNotRemembered() throws IOException {
        Digest wrong = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8));
        Path file = archive("bad.tar", layer1, layer2, Digest.sha256(layer1), wrong);
        assertThrows(IOException.class, () -> importArchive(file));
        assertFalse(Files.exists(cacheDir.resolve("import-" + wrong.hex() + ".json")));
    }

    @Test
    void wrongDiffIdOfAGzippedLayerFailsNamingTheLayer() throws IOException {
        Digest wrong = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8));
        Path file = archive("bad-gz.tar", layer1, gzip(layer2), Digest.sha256(layer1), wrong);
        IOException e = assertThrows(IOException.class, () -> importArchive(file));
        assertTrue(e.getMessage().contains(L2), e.getMessage());
    }

    @Test
    void archiveWithoutManifestFails() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("cfg.json", Json.bytes(config(Digest.sha256(layer1))));
        entries.put(L1, layer1);
        Path file = archive("no-manifest.tar", entries);
        IOException e = assertThrows(IOException.class, () -> importArchive(file));
        assertTrue(e.getMessage().contains("manifest.json"), e.getMessage());
        assertThrows(IOException.class, () -> new DockerArchive(file).contents());
    }

    @Test
    void manifestListingNoImageFails() throws IOException {
        Path file = archive("empty.tar", Map.of("manifest.json", "[]".getBytes(StandardCharsets.UTF_8)));
        IOException e = assertThrows(IOException.class, () -> new DockerArchive(file).contents());
        assertTrue(e.getMessage().contains("no image"), e.getMessage());
    }

    @Test
    void missingConfigOrLayerFails() throws IOException {
        Map<String, byte[]> noConfig = new LinkedHashMap<>();
        noConfig.put("manifest.json", manifest("cfg.json", List.of(L1)));
        noConfig.put(L1, layer1);
        Path file = archive("no-config.tar", noConfig);
        IOException config = assertThrows(IOException.class, () -> new DockerArchive(file).contents());
        assertTrue(config.getMessage().contains("cfg.json"), config.getMessage());

        Map<String, byte[]> noLayer = new LinkedHashMap<>();
        noLayer.put("manifest.json", manifest("cfg.json", List.of(L1)));
        noLayer.put("cfg.json", Json.bytes(config(Digest.sha256(layer1))));
        Path file2 = archive("no-layer.tar", noLayer);
        IOException layer = assertThrows(IOException.class, () -> importArchive(file2));
        assertTrue(layer.getMessage().contains(L1), layer.getMessage());
    }

    @Test
    void layerCountMismatchFails() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("manifest.json", manifest("cfg.json", List.of(L1, L2)));
        entries.put("cfg.json", Json.bytes(config(Digest.sha256(layer1))));
        entries.put(L1, layer1);
        entries.put(L2, layer2);
        Path file = archive("mismatch.tar", entries);
        IOException e = assertThrows(IOException.class, () -> new DockerArchive(file).contents());
        assertTrue(e.getMessage().contains("diff_ids"), e.getMessage());
    }

    @Test
    void entriesNamedWithDotSlashAreFound() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("./manifest.json", manifest("cfg.json", List.of(L1, L2)));
        entries.put("./cfg.json", Json.bytes(config(Digest.sha256(layer1), Digest.sha256(layer2))));
        entries.put("./" + L1, layer1);
        entries.put("./" + L2, layer2);
        Path file = archive("dot.tar", entries);
        Image image = importArchive(file);
        assertImported(image, layer1, layer2);
    }

    @Test
    void theSameLayerTwiceIsImportedOnce() throws IOException {
        Path file = archive("twice.tar", layer1, layer1, Digest.sha256(layer1), Digest.sha256(layer1));
        Image image = importArchive(file);
        assertImported(image, layer1, layer1);
        assertEquals(image.layers().get(0), image.layers().get(1));
    }

    private Image importArchive(Path file) throws IOException {
        DockerArchive archive = new DockerArchive(file);
        return archive.importInto(archive.contents(), layout.store(), new LayerCache(cacheDir, layout.store()));
    }
}
