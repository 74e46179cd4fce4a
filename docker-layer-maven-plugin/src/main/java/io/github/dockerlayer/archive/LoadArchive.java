package io.github.dockerlayer.archive;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.image.Annotations;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.image.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The archives {@code docker load} takes, written as a stream, each blob read from wherever it lives only when it is
 * carried:
 * <ul>
 *   <li>a docker-archive ({@link #writeDockerArchive}) for the classic image store: {@code manifest.json} names every
 *       layer of every image in order; the layers the daemon holds may be left out, as long as every layer above a
 *       carried one is carried too (the daemon skips a layer whose chain it has without opening its file);</li>
 *   <li>an OCI image layout as a tar ({@link #writeOciArchive}) for the containerd image store, each index entry named
 *       fully qualified ({@code docker.io/library/app:1}: a bare {@code app:1} loads but cannot be run); any blob the
 *       daemon's content store holds under the same digest may be left out.</li>
 * </ul>
 * Both put each blob once under {@code blobs/sha256/<hex>}, the name {@code docker save} itself uses since Docker 25.
 */
public final class LoadArchive {
    private LoadArchive() {}

    /**
     * An image to load and the names to give it.
     *
     * @param image the image, its blobs readable
     * @param names its names, each with a tag
     */
    public record Named(Image image, List<ImageReference> names) {}

    /**
     * Writes a docker-archive of {@code images} to {@code out}, leaving out the files of the layers whose compressed
     * digest is in {@code omit}. Closes nothing.
     */
    public static void writeDockerArchive(List<Named> images, Set<Digest> omit, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = tar(out);
        Set<Digest> written = new HashSet<>();
        ArrayNode manifest = Json.MAPPER.createArrayNode();
        Map<String, Map<String, String>> repositories = new LinkedHashMap<>();
        for (Named named : images) {
            Image image = named.image();
            Descriptor config = image.configDescriptor();
            addBytes(tar, written, config.digest(), image.configBytes());
            ObjectNode entry = manifest.addObject();
            entry.put("Config", path(config.digest()));
            ArrayNode tags = entry.putArray("RepoTags");
            for (ImageReference name : named.names()) {
                tags.add(name.toString());
                repositories
                        .computeIfAbsent(name.name(), key -> new LinkedHashMap<>())
                        .put(name.tag(), config.digest().hex());
            }
            ArrayNode layers = entry.putArray("Layers");
            for (Layer layer : image.layers()) {
                layers.add(path(layer.digest()));
                if (!omit.contains(layer.digest())) {
                    addBlob(tar, written, layer);
                }
            }
        }
        addFile(tar, "manifest.json", Json.bytes(manifest));
        addFile(tar, "repositories", Json.bytes(Json.MAPPER.valueToTree(repositories)));
        tar.finish();
        tar.flush();
    }

    /**
     * Writes an OCI image layout of {@code images} as a tar to {@code out}, one index entry per name, leaving out the
     * blobs whose digest is in {@code omit} (never a manifest: they are small, and name what the daemon must hold).
     * Closes nothing.
     */
    public static void writeOciArchive(List<Named> images, Set<Digest> omit, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = tar(out);
        Set<Digest> written = new HashSet<>();
        addFile(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        ObjectNode index = Json.object();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaType.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (Named named : images) {
            Image image = named.image();
            Descriptor config = image.configDescriptor();
            if (!omit.contains(config.digest())) {
                addBytes(tar, written, config.digest(), image.configBytes());
            }
            for (Layer layer : image.layers()) {
                if (!omit.contains(layer.digest())) {
                    addBlob(tar, written, layer);
                }
            }
            byte[] manifestBytes = image.manifestBytes();
            Descriptor manifest = image.manifestDescriptor();
            addBytes(tar, written, manifest.digest(), manifestBytes);
            for (ImageReference name : named.names()) {
                ObjectNode entry = Image.descriptorJson(manifest);
                ObjectNode annotations = entry.putObject("annotations");
                annotations.put(Annotations.CONTAINERD_IMAGE_NAME, qualifiedName(name));
                annotations.put(Annotations.REF_NAME, name.tag());
                manifests.add(entry);
            }
        }
        addFile(tar, "index.json", Json.bytes(index));
        tar.finish();
        tar.flush();
    }

    /**
     * The name as the containerd store keeps it: with its registry, Docker Hub's official images under
     * {@code library/}: {@code app:1} is {@code docker.io/library/app:1}, {@code team/app:1} is
     * {@code docker.io/team/app:1}, {@code 127.0.0.1:5000/x/app:1} stays as it is.
     */
    public static String qualifiedName(ImageReference name) {
        String host = name.registryHost().equals("index.docker.io") ? ImageReference.DOCKER_HUB : name.registryHost();
        return host + "/" + name.remoteRepository() + (name.tag() == null ? ":latest" : ":" + name.tag())
                + (name.digest() == null ? "" : "@" + name.digest());
    }

    private static String path(Digest digest) {
        return "blobs/sha256/" + digest.hex();
    }

    private static TarArchiveOutputStream tar(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        return tar;
    }

    private static void addBlob(TarArchiveOutputStream tar, Set<Digest> written, Layer layer) throws IOException {
        if (!written.add(layer.digest())) {
            return;
        }
        tar.putArchiveEntry(entry(path(layer.digest()), layer.size()));
        try (InputStream in = layer.open()) {
            long copied = in.transferTo(tar);
            if (copied != layer.size()) { // the tar would be corrupt: say which layer
                throw new IOException("layer " + layer.digest() + " from " + layer.blob() + " has " + copied
                        + " bytes, its descriptor says " + layer.size());
            }
        }
        tar.closeArchiveEntry();
    }

    private static void addBytes(TarArchiveOutputStream tar, Set<Digest> written, Digest digest, byte[] bytes)
            throws IOException {
        if (written.add(digest)) {
            addFile(tar, path(digest), bytes);
        }
    }

    private static void addFile(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        tar.putArchiveEntry(entry(name, bytes.length));
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry entry(String name, long size) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(size);
        entry.setMode(0644);
        entry.setModTime(0);
        return entry;
    }
}
