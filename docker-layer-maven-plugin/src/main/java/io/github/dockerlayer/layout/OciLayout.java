package io.github.dockerlayer.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.image.Annotations;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.image.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An OCI image layout on disk (image-spec {@code image-layout.md}): {@code oci-layout}, {@code index.json} and
 * content-addressed {@code blobs/sha256/}. Every write is atomic: blobs appear under their digest only when complete,
 * and {@code index.json} is replaced in one move, so a failed build never leaves a half-written layout behind.
 */
public final class OciLayout {
    private static final String LAYOUT_FILE = "oci-layout";
    private static final String INDEX_FILE = "index.json";

    private final Path root;

    private OciLayout(Path root) {
        this.root = root;
    }

    /** Opens an existing layout for reading; fails when {@code root} holds none. */
    public static OciLayout open(Path root) throws IOException {
        if (!Files.isRegularFile(root.resolve(LAYOUT_FILE)) || !Files.isRegularFile(root.resolve(INDEX_FILE))) {
            throw new NoSuchFileException(root.toString(), null, "not an OCI image layout (no oci-layout or index.json)");
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

    /** Where the blob with this digest lives (whether or not it is there). */
    public Path blobPath(Digest digest) {
        return root.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
    }

    public boolean hasBlob(Digest digest) {
        return Files.isRegularFile(blobPath(digest));
    }

    public byte[] readBlob(Digest digest) throws IOException {
        return Files.readAllBytes(blobPath(digest));
    }

    /** A new temporary file beside the blobs, to be {@linkplain #commitBlob committed} or deleted. */
    public Path newTempBlob() throws IOException {
        return AtomicFiles.createTemp(root.resolve("blobs").resolve("sha256"), ".tmp-");
    }

    /** Moves a finished temporary file to its digest's place; a blob already there wins and the file is dropped. */
    public void commitBlob(Path temp, Digest digest) throws IOException {
        Path target = blobPath(digest);
        if (Files.exists(target)) {
            Files.deleteIfExists(temp);
            return;
        }
        AtomicFiles.move(temp, target);
    }

    /** Stores bytes as a blob and returns its descriptor. */
    public Descriptor writeBlob(byte[] bytes, String mediaType) throws IOException {
        Digest digest = Digest.sha256(bytes);
        if (!hasBlob(digest)) {
            Path temp = newTempBlob();
            Files.write(temp, bytes);
            commitBlob(temp, digest);
        }
        return new Descriptor(mediaType, digest, bytes.length);
    }

    /**
     * Stores a blob whose digest is known from elsewhere (another layout), hard-linking when the file system allows,
     * and checking the digest of what was copied.
     */
    public void importBlob(Path source, Digest digest) throws IOException {
        if (hasBlob(digest)) {
            return;
        }
        Path temp = newTempBlob();
        try {
            Files.delete(temp);
            try {
                Files.createLink(temp, source);
            } catch (IOException | UnsupportedOperationException notLinkable) {
                Files.copy(source, temp);
            }
            MessageDigest sha = Digest.newSha256();
            try (InputStream in = new DigestInputStream(Files.newInputStream(temp), sha)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            Digest actual = Digest.of(sha);
            if (!actual.equals(digest)) {
                throw new IOException("blob " + source + " should have digest " + digest + " but has " + actual);
            }
            commitBlob(temp, digest);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The descriptors of {@code index.json}'s manifests, in file order. */
    public List<Descriptor> indexEntries() throws IOException {
        ObjectNode index = Json.parseObject(Files.readAllBytes(root.resolve(INDEX_FILE)), root.resolve(INDEX_FILE).toString());
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
                .sorted(Comparator.comparing((Descriptor d) -> d.annotations().getOrDefault(
                                Annotations.REF_NAME, ""))
                        .thenComparing(d -> d.digest().toString()))
                .forEach(d -> manifests.add(Image.descriptorJson(d)));
        AtomicFiles.write(root.resolve(INDEX_FILE), Json.pretty(index));
    }

    /** Writes an image's config and manifest blobs (its layers must be here already) and returns the manifest's descriptor. */
    public Descriptor writeImage(Image image) throws IOException {
        for (Layer layer : image.layers()) {
            if (!hasBlob(layer.digest())) {
                throw new IOException("layer blob " + layer.digest() + " is missing from " + root);
            }
        }
        writeBlob(image.configBytes(), MediaType.OCI_CONFIG);
        return writeBlob(image.manifestBytes(), MediaType.OCI_MANIFEST);
    }

    /**
     * Reads the image a manifest descriptor points at. An index (multi-platform) is resolved to its linux/amd64 entry,
     * or to its only entry.
     */
    public Image readImage(Descriptor descriptor) throws IOException {
        Descriptor manifestDescriptor = descriptor;
        if (MediaType.isIndex(descriptor.mediaType())) {
            manifestDescriptor = pickPlatform(descriptor);
        }
        ObjectNode manifest = Json.parseObject(readBlob(manifestDescriptor.digest()), "manifest " + manifestDescriptor.digest());
        Digest configDigest = Digest.parse(manifest.path("config").path("digest").asText());
        ObjectNode config = Json.parseObject(readBlob(configDigest), "config " + configDigest);
        JsonNode diffIds = config.path("rootfs").path("diff_ids");
        List<Layer> layers = new ArrayList<>();
        int i = 0;
        for (JsonNode node : manifest.path("layers")) {
            Descriptor layer = descriptor(node);
            layer = new Descriptor(MediaType.toOciLayer(layer.mediaType()), layer.digest(), layer.size(), layer.annotations());
            layers.add(new Layer(layer, Digest.parse(diffIds.path(i++).asText())));
        }
        return Images.of(config, layers);
    }

    private Descriptor pickPlatform(Descriptor indexDescriptor) throws IOException {
        ObjectNode index = Json.parseObject(readBlob(indexDescriptor.digest()), "index " + indexDescriptor.digest());
        JsonNode manifests = index.path("manifests");
        for (JsonNode node : manifests) {
            JsonNode platform = node.path("platform");
            if ("linux".equals(platform.path("os").asText()) && "amd64".equals(platform.path("architecture").asText())) {
                return descriptor(node);
            }
        }
        if (manifests.size() == 1) {
            return descriptor(manifests.get(0));
        }
        List<String> offered = new ArrayList<>();
        for (JsonNode node : manifests) {
            offered.add(node.path("platform").path("os").asText("?") + "/" + node.path("platform").path("architecture").asText("?"));
        }
        throw new IOException("its index " + indexDescriptor.digest() + " offers " + String.join(", ", offered)
                + " but no linux/amd64 image, the platform this version builds for");
    }

    /** The digests of the blobs in the layout now, leaving out temporary files. */
    public Set<Digest> blobDigests() throws IOException {
        Set<Digest> digests = new HashSet<>();
        for (Path file : blobFiles()) {
            String name = file.getFileName().toString();
            if (!name.startsWith(".tmp-")) {
                digests.add(new Digest("sha256", name));
            }
        }
        return digests;
    }

    /** Every file under blobs/sha256, temporary ones included. */
    private List<Path> blobFiles() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("blobs").resolve("sha256"))) {
            return files.toList();
        }
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
        for (Path file : blobFiles()) {
            if (!live.contains(file.getFileName().toString())) {
                Files.deleteIfExists(file);
            }
        }
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
        Map<String, String> annotations = new LinkedHashMap<>();
        node.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
        return new Descriptor(node.path("mediaType").asText(), Digest.parse(node.path("digest").asText()),
                node.path("size").asLong(), annotations);
    }
}
