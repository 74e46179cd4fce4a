package io.github.dockerlayer.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.blob.BlobStore;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.layer.LayerCache;
import io.github.dockerlayer.layer.ReproducibleLayer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Reads a {@code docker save} archive (what {@code docker-archive:PATH} names): a tar holding {@code manifest.json},
 * the image config and one tar per layer, plain or gzipped. Layers are imported into an OCI layout as gzip blobs;
 * a layer imported before (same diffId) is reused without reading it again.
 */
public final class DockerArchive {
    private final Path file;

    /**
     * What the archive's manifest.json says of its first image.
     *
     * @param config the image config
     * @param layerPaths the layer tars' paths inside the archive, bottom first
     * @param repoTags the names the image was saved under
     */
    public record Contents(ObjectNode config, List<String> layerPaths, List<String> repoTags) {}

    public DockerArchive(Path file) {
        this.file = file;
    }

    /** Reads manifest.json and the config; cheap, since a tar is read by its headers. */
    public Contents contents() throws IOException {
        try (TarFile tar = new TarFile(file)) {
            TarArchiveEntry manifestEntry = entry(tar, "manifest.json");
            JsonNode manifests = Json.MAPPER.readTree(read(tar, manifestEntry));
            if (!manifests.isArray() || manifests.isEmpty()) {
                throw new IOException(file + ": manifest.json lists no image");
            }
            JsonNode first = manifests.get(0);
            ObjectNode config =
                    Json.parseObject(read(tar, entry(tar, first.path("Config").asText())), file + " config");
            List<String> layers = new ArrayList<>();
            first.path("Layers").forEach(layer -> layers.add(layer.asText()));
            List<String> tags = new ArrayList<>();
            first.path("RepoTags").forEach(tag -> tags.add(tag.asText()));
            int diffIds = config.path("rootfs").path("diff_ids").size();
            if (diffIds != layers.size()) {
                throw new IOException(file + ": manifest.json lists " + layers.size() + " layers but the config "
                        + diffIds + " diff_ids");
            }
            return new Contents(config, layers, tags);
        }
    }

    /**
     * Imports the image whose {@link #contents()} were read before into {@code store}: each layer becomes a gzip
     * blob, reused when imported before.
     */
    public Image importInto(Contents contents, BlobStore store, LayerCache cache) throws IOException {
        JsonNode diffIds = contents.config().path("rootfs").path("diff_ids");
        List<Layer> layers = new ArrayList<>();
        try (TarFile tar = new TarFile(file)) {
            for (int i = 0; i < contents.layerPaths().size(); i++) {
                Digest diffId = Digest.parse(diffIds.get(i).asText());
                String key = "import-" + diffId.hex();
                Layer layer = cache.lookup(key);
                if (layer == null) {
                    layer = importLayer(tar, entry(tar, contents.layerPaths().get(i)), diffId, store);
                    cache.store(key, layer);
                }
                layers.add(layer);
            }
        }
        return Images.of(contents.config(), layers);
    }

    private Layer importLayer(TarFile tar, TarArchiveEntry entry, Digest diffId, BlobStore store) throws IOException {
        try (InputStream in = new BufferedInputStream(tar.getInputStream(entry))) {
            in.mark(2);
            boolean gzipped = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            if (gzipped) {
                // Stored as it is (its compressed digest is the archive's own); the tar inside is checked against the
                // config's diffId before the build goes on.
                BlobStore.Written written = store.put(in, null);
                Digest actualDiffId;
                try (InputStream gunzipped =
                        new GZIPInputStream(store.blob(written.digest()).open(), 1 << 16)) {
                    MessageDigest uncompressed = Digest.newSha256();
                    new DigestInputStream(gunzipped, uncompressed).transferTo(OutputStream.nullOutputStream());
                    actualDiffId = Digest.of(uncompressed);
                }
                checkDiffId(entry, actualDiffId, diffId);
                return new Layer(
                        new Descriptor(MediaType.OCI_LAYER_GZIP, written.digest(), written.size()),
                        diffId,
                        store.blob(written.digest()));
            }
            Layer layer = ReproducibleLayer.compress(in::transferTo, store);
            checkDiffId(entry, layer.diffId(), diffId);
            return layer;
        }
    }

    private void checkDiffId(TarArchiveEntry entry, Digest actual, Digest expected) throws IOException {
        if (!actual.equals(expected)) {
            throw new IOException(
                    file + ": layer " + entry.getName() + " has diffId " + actual + " but the config says " + expected);
        }
    }

    private TarArchiveEntry entry(TarFile tar, String name) throws IOException {
        for (TarArchiveEntry entry : tar.getEntries()) {
            if (entry.getName().equals(name) || entry.getName().equals("./" + name)) {
                return entry;
            }
        }
        throw new IOException(file + " has no " + name + ": is it a docker save archive?");
    }

    private static byte[] read(TarFile tar, TarArchiveEntry entry) throws IOException {
        try (InputStream in = tar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
