package io.github.dockerlayer.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerlayer.image.Annotations;
import io.github.dockerlayer.image.Blob;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.image.MediaType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class LoadArchiveTest {
    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    private final List<String> opened = new ArrayList<>();
    private final Layer jre = layer("jre");
    private final Layer deps = layer("dependencies");
    private final Layer classes = layer("classes");
    private final Image base = Images.appendLayer(Images.appendLayer(Images.scratch(), jre, T, "jre"), deps, T, "deps");
    private final Image app = Images.appendLayer(base, classes, T, "classes");

    /** A layer whose "bytes" are its name (diffId = compressed digest here: the writer does not look inside). */
    private Layer layer(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(bytes);
        Blob blob = () -> {
            opened.add(name);
            return new ByteArrayInputStream(bytes);
        };
        return new Layer(
                new Descriptor(MediaType.OCI_LAYER_GZIP, digest, bytes.length),
                Digest.sha256(("diff " + name).getBytes(StandardCharsets.UTF_8)),
                blob);
    }

    private List<LoadArchive.Named> both() {
        return List.of(
                new LoadArchive.Named(base, List.of(ImageReference.parse("app-base:abc"))),
                new LoadArchive.Named(app, List.of(ImageReference.parse("app:1"), ImageReference.parse("app:latest"))));
    }

    @Test
    void fullDockerArchiveCarriesEveryLayerOnceAndNamesThemInOrder() throws IOException {
        Map<String, byte[]> files = docker(Set.of());
        String b = "blobs/sha256/";
        assertEquals(
                Set.of(
                        "manifest.json",
                        "repositories",
                        b + base.configDescriptor().digest().hex(),
                        b + app.configDescriptor().digest().hex(),
                        b + jre.digest().hex(),
                        b + deps.digest().hex(),
                        b + classes.digest().hex()),
                files.keySet());
        assertEquals(List.of("jre", "dependencies", "classes"), opened, "each layer read once");
        JsonNode manifest = Json.MAPPER.readTree(files.get("manifest.json"));
        assertEquals(2, manifest.size());
        assertEquals("[\"app-base:abc\"]", manifest.get(0).get("RepoTags").toString());
        assertEquals(
                "[\"app:1\",\"app:latest\"]", manifest.get(1).get("RepoTags").toString());
        assertEquals(
                b + app.configDescriptor().digest().hex(),
                manifest.get(1).get("Config").asText());
        assertEquals(
                List.of(
                        b + jre.digest().hex(),
                        b + deps.digest().hex(),
                        b + classes.digest().hex()),
                texts(manifest.get(1).get("Layers")));
        assertEquals(
                app.configDescriptor().digest().hex(),
                Json.MAPPER
                        .readTree(files.get("repositories"))
                        .path("app")
                        .path("latest")
                        .asText());
    }

    @Test
    void thinDockerArchiveNamesEveryLayerButCarriesOnlyThoseNotOmitted() throws IOException {
        Map<String, byte[]> files = docker(Set.of(jre.digest(), deps.digest()));
        assertFalse(files.containsKey("blobs/sha256/" + jre.digest().hex()));
        assertFalse(files.containsKey("blobs/sha256/" + deps.digest().hex()));
        assertTrue(files.containsKey("blobs/sha256/" + classes.digest().hex()));
        assertEquals(List.of("classes"), opened, "omitted layers are never read");
        JsonNode manifest = Json.MAPPER.readTree(files.get("manifest.json"));
        assertEquals(3, manifest.get(1).get("Layers").size(), "manifest.json still lists every layer");
        assertEquals(2, manifest.get(0).get("Layers").size());
    }

    @Test
    void ociArchiveNamesEachTagFullyQualifiedAndLeavesOutOmittedBlobs() throws IOException {
        Set<Digest> omit = Set.of(
                jre.digest(),
                deps.digest(),
                base.configDescriptor().digest(),
                base.manifestDescriptor().digest());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LoadArchive.writeOciArchive(both(), omit, out);
        Map<String, byte[]> files = read(out.toByteArray());
        String b = "blobs/sha256/";
        assertEquals(
                Set.of(
                        "oci-layout",
                        "index.json",
                        b + classes.digest().hex(),
                        b + app.configDescriptor().digest().hex(),
                        b + app.manifestDescriptor().digest().hex(),
                        b + base.manifestDescriptor().digest().hex()),
                files.keySet(),
                "manifests are always carried; omitted layers and configs are not");
        assertEquals(List.of("classes"), opened);
        JsonNode index = Json.MAPPER.readTree(files.get("index.json"));
        List<String> names = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        index.get("manifests").forEach(entry -> {
            names.add(entry.path("annotations")
                    .path(Annotations.CONTAINERD_IMAGE_NAME)
                    .asText());
            refs.add(entry.path("annotations").path(Annotations.REF_NAME).asText());
        });
        assertEquals(
                List.of("docker.io/library/app-base:abc", "docker.io/library/app:1", "docker.io/library/app:latest"),
                names);
        assertEquals(List.of("abc", "1", "latest"), refs);
        assertEquals(
                app.manifestDescriptor().digest().toString(),
                index.get("manifests").get(1).get("digest").asText());
        assertEquals("{\"imageLayoutVersion\":\"1.0.0\"}", new String(files.get("oci-layout"), StandardCharsets.UTF_8));
    }

    @Test
    void qualifiedNamesAsTheContainerdStoreKeepsThem() {
        assertEquals("docker.io/library/app:1", LoadArchive.qualifiedName(ImageReference.parse("app:1")));
        assertEquals("docker.io/team/app:1", LoadArchive.qualifiedName(ImageReference.parse("team/app:1")));
        assertEquals("docker.io/library/app:1", LoadArchive.qualifiedName(ImageReference.parse("docker.io/app:1")));
        assertEquals(
                "docker.io/library/app:1",
                LoadArchive.qualifiedName(ImageReference.parse("index.docker.io/library/app:1")));
        assertEquals(
                "127.0.0.1:5000/x/app:1", LoadArchive.qualifiedName(ImageReference.parse("127.0.0.1:5000/x/app:1")));
        assertEquals("localhost:5000/app:2", LoadArchive.qualifiedName(ImageReference.parse("localhost:5000/app:2")));
        assertEquals("localhost/app:latest", LoadArchive.qualifiedName(ImageReference.parse("localhost/app")));
    }

    @Test
    void aBlobShorterThanItsDescriptorFailsNamingTheLayer() {
        Layer broken = new Layer(
                new Descriptor(MediaType.OCI_LAYER_GZIP, classes.digest(), 999),
                classes.diffId(),
                () -> new ByteArrayInputStream(new byte[3]));
        Image image = Images.appendLayer(Images.scratch(), broken, T, "x");
        IOException e = assertThrows(
                IOException.class,
                () -> LoadArchive.writeDockerArchive(
                        List.of(new LoadArchive.Named(image, List.of(ImageReference.parse("x:1")))),
                        Set.of(),
                        new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains(classes.digest().toString()), e.getMessage());
    }

    private Map<String, byte[]> docker(Set<Digest> omit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LoadArchive.writeDockerArchive(both(), omit, out);
        return read(out.toByteArray());
    }

    private static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(node -> result.add(node.asText()));
        return result;
    }

    private static Map<String, byte[]> read(byte[] tar) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (files.put(entry.getName(), in.readAllBytes()) != null) {
                    throw new AssertionError("twice in the archive: " + entry.getName());
                }
            }
        }
        return files;
    }
}
