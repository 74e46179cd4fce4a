package io.github.dockerlayer.layer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.blob.AtomicFiles;
import io.github.dockerlayer.blob.BlobStore;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.image.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;

/**
 * Remembers which layer blob a set of inputs produced, so work already done is not done again: an unchanged set of
 * files (same paths, sizes and modification times) reuses its built layer without reading the files. A cache entry
 * counts only while its blob is still in the store it was written to (the layout's).
 */
public final class LayerCache {
    private static final String FORMAT = "docker-layer layer cache v1";
    /**
     * The version of the plugin, kept in every entry: another version may write other bytes for the same inputs, so
     * its entries are not trusted (a warm checkout and a clean CI build then agree after an upgrade).
     */
    static final String WRITER = FORMAT + ", plugin " + pluginVersion();

    private final Path directory;
    private final BlobStore store;

    /**
     * The outcome of a lookup-or-build.
     *
     * @param layer the layer
     * @param reused true when it came from the cache
     */
    public record Result(Layer layer, boolean reused) {}

    public LayerCache(Path directory, BlobStore store) {
        this.directory = directory;
        this.store = store;
    }

    /**
     * The layer of these entries with this mtime: from the cache, or built now and remembered; {@code beforeBuilding}
     * runs just before a build (to say that one starts).
     */
    public Result layer(List<LayerEntry> entries, Instant mtime, Runnable beforeBuilding) throws IOException {
        String key = key(entries, mtime);
        Layer cached = lookup(key);
        if (cached != null) {
            return new Result(cached, true);
        }
        beforeBuilding.run();
        Layer built = ReproducibleLayer.write(entries, mtime, store);
        store(key, built);
        return new Result(built, false);
    }

    /** The layer of these entries with this mtime if it was built before and its blob is still in the store; else null. */
    public Layer cached(List<LayerEntry> entries, Instant mtime) throws IOException {
        return lookup(key(entries, mtime));
    }

    /**
     * The diffId of the layer these entries make, remembered like a layer: computed (tar and sha256, no gzip, nothing
     * stored) only when the inputs moved. Lets a build learn the base's config without building its layers.
     */
    public Digest diffId(List<LayerEntry> entries, Instant mtime) throws IOException {
        Path file = directory.resolve("diffid-" + key(entries, mtime) + ".json");
        if (Files.isRegularFile(file)) {
            try {
                ObjectNode node = Json.parseObject(Files.readAllBytes(file), file.toString());
                if (WRITER.equals(node.path("writer").asText())) {
                    return Digest.parse(node.path("diffId").asText());
                }
            } catch (IOException | IllegalArgumentException corrupt) {
                Files.deleteIfExists(file);
            }
        }
        Digest diffId = ReproducibleLayer.diffId(entries, mtime);
        ObjectNode node = Json.object();
        node.put("writer", WRITER);
        node.put("diffId", diffId.toString());
        AtomicFiles.write(file, Json.bytes(node));
        return diffId;
    }

    /** The layer stored under {@code key}, if its blob is still in the store; null otherwise. */
    public Layer lookup(String key) throws IOException {
        Path file = directory.resolve(key + ".json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        ObjectNode node;
        try {
            node = Json.parseObject(Files.readAllBytes(file), file.toString());
            if (!WRITER.equals(node.path("writer").asText())) {
                return null;
            }
            Layer layer = new Layer(
                    new Descriptor(
                            node.path("mediaType").asText(),
                            Digest.parse(node.path("digest").asText()),
                            node.path("size").asLong()),
                    Digest.parse(node.path("diffId").asText()),
                    store.blob(Digest.parse(node.path("digest").asText())));
            return store.has(layer.digest()) ? layer : null;
        } catch (IOException | IllegalArgumentException corrupt) {
            Files.deleteIfExists(file);
            return null;
        }
    }

    /** Remembers {@code layer} under {@code key}. */
    public void store(String key, Layer layer) throws IOException {
        ObjectNode node = Json.object();
        node.put("writer", WRITER);
        node.put("mediaType", layer.descriptor().mediaType());
        node.put("digest", layer.digest().toString());
        node.put("diffId", layer.diffId().toString());
        node.put("size", layer.size());
        AtomicFiles.write(directory.resolve(key + ".json"), Json.bytes(node));
    }

    /** The cache key of a layer's inputs: each path with its source's location, size and mtime, or content hash. */
    public static String key(List<LayerEntry> entries, Instant mtime) throws IOException {
        MessageDigest sha = Digest.newSha256();
        update(sha, FORMAT);
        update(sha, Long.toString(mtime.getEpochSecond()));
        List<LayerEntry> sorted =
                entries.stream().sorted(Comparator.comparing(LayerEntry::path)).toList();
        for (LayerEntry entry : sorted) {
            update(sha, entry.path());
            if (entry.mode() != LayerEntry.DEFAULT_MODE) {
                update(sha, "mode " + Integer.toOctalString(entry.mode()));
            }
            if (entry.source() != null) {
                BasicFileAttributes attributes = Files.readAttributes(entry.source(), BasicFileAttributes.class);
                update(sha, entry.source().toAbsolutePath().toString());
                update(
                        sha,
                        attributes.size() + " " + attributes.lastModifiedTime().toMillis() + " " + attributes.fileKey()
                                + " " + changeTime(entry.source()));
            } else {
                update(sha, Digest.sha256(entry.content()).toString());
            }
        }
        return Digest.of(sha).hex();
    }

    /**
     * The inode change time where the platform has one: no tool can set it back, so a rewrite that keeps size and
     * mtime ({@code cp -p}, {@code rsync -t}) still misses the cache.
     */
    private static Object changeTime(Path file) throws IOException {
        try {
            return Files.getAttribute(file, "unix:ctime");
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            return "";
        }
    }

    private static String pluginVersion() {
        Properties properties = new Properties();
        try (InputStream in = LayerCache.class.getResourceAsStream("plugin.properties")) {
            if (in == null) {
                throw new IllegalStateException("plugin.properties is missing from the plugin's jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static void update(MessageDigest sha, String value) {
        sha.update(value.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }
}
