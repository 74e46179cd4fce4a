package io.github.dockerlayer.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.blob.AtomicFiles;
import io.github.dockerlayer.blob.BlobStore;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An OCI image layout on disk (image-spec {@code image-layout.md}): {@code oci-layout}, {@code index.json} and
 * content-addressed {@code blobs/sha256/}. Every write is atomic: blobs appear under their digest only when complete,
 * and {@code index.json} is replaced in one move, so a failed build never leaves a half-written layout behind.
 */
public final class OciLayout {
    private static final String LAYOUT_FILE = "oci-layout";
    private static final String INDEX_FILE = "index.json";

    private final Path root;
    private final BlobStore store;

    private OciLayout(Path root) {
        this.root = root;
        this.store = BlobStore.at(root.resolve("blobs"));
    }

    /** Opens an existing layout for reading; fails when {@code root} holds none. */
    public static OciLayout open(Path root) throws IOException {
        if (!Files.isRegularFile(root.resolve(LAYOUT_FILE)) || !Files.isRegularFile(root.resolve(INDEX_FILE))) {
            throw new NoSuchFileException(
                    root.toString(), null, "not an OCI image layout (no oci-layout or index.json)");
        }
        return new OciLayout(root);
    }

    /** Opens the layout at {@code root}, creating an empty one first when there is none. */
    public static OciLayout openOrCreate(Path root) throws IOException {
        Files.createDirectories(root.resolve("blobs").resolve("sha256"));
        OciLayout layout = new OciLayout(root);
        if (!Files.isRegularFile(root.resolve(LAYOUT_FILE))) {
            AtomicFiles.write(root.resolve(LAYOUT_FILE), "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes());
        }
        if (!Files.isRegularFile(root.resolve(INDEX_FILE))) {
            layout.writeIndex(List.of());
        }
        return layout;
    }

    /** The layout's directory. */
    public Path root() {
        return root;
    }

    /** The layout's blobs. */
    public BlobStore store() {
        return store;
    }

    /** Where the blob with this digest lives (whether or not it is there). */
    public Path blobPath(Digest digest) {
        return store.path(digest);
    }

    public boolean hasBlob(Digest digest) {
        return store.has(digest);
    }

    public byte[] readBlob(Digest digest) throws IOException {
        return store.read(digest);
    }

    /** Stores bytes as a blob and returns its descriptor. */
    public Descriptor writeBlob(byte[] bytes, String mediaType) throws IOException {
        BlobStore.Written written = store.put(bytes);
        return new Descriptor(mediaType, written.digest(), written.size());
    }

    /** Stores a local file known to have {@code digest}, hard-linked where the file system allows, checked. */
    public void importBlob(Path source, Digest digest) throws IOException {
        store.putFile(source, digest);
    }

    /** The descriptors of {@code index.json}'s manifests, in file order. */
    public List<Descriptor> indexEntries() throws IOException {
        ObjectNode index = Json.parseObject(
                Files.readAllBytes(root.resolve(INDEX_FILE)),
                root.resolve(INDEX_FILE).toString());
        List<Descriptor> entries = new ArrayList<>();
        for (JsonNode node : index.path("manifests")) {
            entries.add(descriptor(node));
        }
        return entries;
    }

    /** Replaces {@code index.json} in one atomic move; entries are written sorted by their ref name. */
    public void writeIndex(List<Descriptor> entries) throws IOException {
        ObjectNode index = Json.object();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaType.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        entries.stream()
                .sorted(Comparator.comparing((Descriptor d) -> d.annotations().getOrDefault(Annotations.REF_NAME, ""))
                        .thenComparing(d -> d.digest().toString()))
                .forEach(d -> manifests.add(Image.descriptorJson(d)));
        AtomicFiles.write(root.resolve(INDEX_FILE), Json.pretty(index));
    }

    /**
     * Names {@code manifest} in the index by each of {@code references}, as the entries of {@code role} (the
     * {@code io.github.dockerlayer.role} annotation: {@code base} or {@code app}): every entry of that role, and any
     * other entry with one of these ref names, is replaced; entries of other roles and names stay.
     */
    public void tag(Descriptor manifest, List<ImageReference> references, String role) throws IOException {
        List<Descriptor> entries = new ArrayList<>();
        for (ImageReference reference : references) {
            entries.add(manifest.withAnnotations(Map.of(
                    Annotations.REF_NAME, reference.tag(),
                    Annotations.CONTAINERD_IMAGE_NAME, reference.toString(),
                    Annotations.ROLE, role)));
        }
        List<String> newNames = entries.stream()
                .map(e -> e.annotations().get(Annotations.REF_NAME))
                .toList();
        List<Descriptor> index = new ArrayList<>();
        for (Descriptor existing : indexEntries()) {
            if (!role.equals(existing.annotations().get(Annotations.ROLE))
                    && !newNames.contains(existing.annotations().get(Annotations.REF_NAME))) {
                index.add(existing);
            }
        }
        index.addAll(entries);
        writeIndex(index);
    }

    /**
     * Writes an image: its layers (each taken from the local file it is in, hard-linked where possible), config and
     * manifest, and returns the manifest's descriptor. A layer that lives only in a registry is left out, as the
     * image-layout spec allows for blobs stored elsewhere (a JRE left in its registry); any other missing layer fails.
     */
    public Descriptor writeImage(Image image) throws IOException {
        for (Layer layer : image.layers()) {
            if (store.has(layer.digest())) {
                continue;
            }
            if (layer.blob().file() != null) {
                store.putFile(layer.blob().file(), layer.digest());
            } else if (layer.blob().repository() == null) {
                throw new IOException(
                        "layer blob " + layer.digest() + " is missing from " + root + " and from every source");
            }
        }
        writeBlob(image.configBytes(), MediaType.OCI_CONFIG);
        return writeBlob(image.manifestBytes(), MediaType.OCI_MANIFEST);
    }

    /**
     * Reads the image a manifest descriptor points at, its layers read from this layout's blobs. An index
     * (multi-platform) is resolved to its linux/amd64 entry, or to its only entry.
     */
    public Image readImage(Descriptor descriptor) throws IOException {
        return readImage(descriptor, Platform.LINUX_AMD64);
    }

    /** Reads the image a manifest descriptor points at; an index is resolved to {@code platform}, or its only entry. */
    public Image readImage(Descriptor descriptor, Platform platform) throws IOException {
        Descriptor manifestDescriptor = descriptor;
        if (MediaType.isIndex(descriptor.mediaType())) {
            ObjectNode index = Json.parseObject(readBlob(descriptor.digest()), "index " + descriptor.digest());
            manifestDescriptor =
                    descriptor(platform.select(index.path("manifests"), "its index " + descriptor.digest()));
        }
        ObjectNode manifest =
                Json.parseObject(readBlob(manifestDescriptor.digest()), "manifest " + manifestDescriptor.digest());
        Digest configDigest =
                Digest.parse(manifest.path("config").path("digest").asText());
        ObjectNode config = Json.parseObject(readBlob(configDigest), "config " + configDigest);
        return Images.fromManifest(manifest, config, layer -> store.blob(layer.digest()));
    }

    /** The digests of the blobs in the layout now, leaving out temporary files. */
    public Set<Digest> blobDigests() throws IOException {
        return store.digests();
    }

    /**
     * Deletes blobs that no index entry reaches (directly, through an index, or as config and layers), and leftover
     * temporary files.
     */
    public void collectGarbage() throws IOException {
        Set<String> live = new HashSet<>();
        for (Descriptor entry : indexEntries()) {
            mark(entry.digest(), live);
        }
        Set<Digest> keep = new HashSet<>();
        live.forEach(hex -> keep.add(new Digest("sha256", hex)));
        store.retainOnly(keep);
    }

    private void mark(Digest digest, Set<String> live) throws IOException {
        if (!live.add(digest.hex()) || !hasBlob(digest)) {
            return;
        }
        byte[] bytes = readBlob(digest);
        if (bytes.length == 0 || bytes[0] != '{') {
            return;
        }
        ObjectNode node = Json.parseObject(bytes, "blob " + digest);
        for (JsonNode child : node.path("manifests")) {
            mark(Digest.parse(child.path("digest").asText()), live);
        }
        if (node.has("config") && node.path("config").has("digest")) {
            live.add(Digest.parse(node.path("config").path("digest").asText()).hex());
            for (JsonNode layer : node.path("layers")) {
                live.add(Digest.parse(layer.path("digest").asText()).hex());
            }
        }
    }

    static Descriptor descriptor(JsonNode node) {
        return Descriptor.fromJson(node);
    }
}
