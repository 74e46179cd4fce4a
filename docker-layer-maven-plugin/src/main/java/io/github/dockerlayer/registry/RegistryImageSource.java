package io.github.dockerlayer.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.blob.BlobStore;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.image.Platform;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads images from a registry: the manifest (an index or manifest list resolved to one platform) and the config now,
 * each layer only when a sink needs its bytes ({@link RegistryBlob}). Manifests and configs are kept in the shared
 * cache by digest, so a digest reference is never fetched twice, and a tag pulled once can be used offline.
 */
public final class RegistryImageSource {
    private final Registries registries;

    /**
     * An image read from a registry.
     *
     * @param image the image; its layers' bytes stay in the registry until opened
     * @param manifest the descriptor of its manifest (for an index: of the platform's manifest)
     * @param config the config digest the manifest declares (the bytes the registry holds, as they are)
     */
    public record Pulled(Image image, Descriptor manifest, Digest config) {}

    public RegistryImageSource(Registries registries) {
        this.registries = registries;
    }

    /** The shared cache's directory (its blob store's parent), for other sources that cache what they read. */
    public java.nio.file.Path cacheDirectory() {
        return registries.cache().root().getParent();
    }

    /** Reads the image {@code reference} names, for {@code platform}. */
    public Pulled read(ImageReference reference, Platform platform) throws IOException {
        return find(reference, platform)
                .orElseThrow(() -> failure(
                        RegistryException.Kind.NOT_FOUND,
                        "registry " + reference.registryHost() + " has no image " + reference));
    }

    /** Reads the image {@code reference} names, or empty when the registry has no such tag or digest. */
    public Optional<Pulled> find(ImageReference reference, Platform platform) throws IOException {
        String registry = reference.registryHost();
        String repository = reference.remoteRepository();
        Optional<RegistryClient.Manifest> top = manifest(reference, registry, repository, reference.digest());
        if (top.isEmpty()) {
            return Optional.empty();
        }
        RegistryClient.Manifest manifest = top.get();
        ObjectNode document = Json.parseObject(manifest.bytes(), "manifest of " + reference);
        if (MediaType.isIndex(manifest.mediaType())) {
            // Platform.NotOffered propagates: the caller names <platform> in its error.
            Descriptor chosen = Descriptor.fromJson(
                    platform.select(document.path("manifests"), reference + " (a multi-platform index)"));
            manifest = manifest(reference, registry, repository, chosen.digest())
                    .orElseThrow(() -> failure(
                            RegistryException.Kind.NOT_FOUND,
                            "registry " + registry + " lists " + chosen.digest() + " in the index of " + reference
                                    + " but does not have it"));
            document = Json.parseObject(manifest.bytes(), "manifest " + manifest.digest() + " of " + reference);
        }
        String type = manifest.mediaType();
        if (!MediaType.OCI_MANIFEST.equals(type) && !MediaType.DOCKER_MANIFEST.equals(type)) {
            throw failure(
                    RegistryException.Kind.PROTOCOL,
                    reference + " is a " + type + " document, not an image"
                            + " manifest this plugin can build on (OCI or Docker v2 schema 2)");
        }
        Digest configDigest =
                Digest.parse(document.path("config").path("digest").asText());
        ObjectNode config = Json.parseObject(
                blob(
                        registry,
                        repository,
                        configDigest,
                        document.path("config").path("size").asLong(-1)),
                "config " + configDigest + " of " + reference);
        Image image;
        try {
            image = Images.fromManifest(
                    document,
                    config,
                    layer -> new RegistryBlob(registries, registry, repository, layer.digest(), layer.size()));
        } catch (IllegalArgumentException e) {
            throw failure(RegistryException.Kind.PROTOCOL, reference + ": " + e.getMessage());
        }
        return Optional.of(
                new Pulled(image, new Descriptor(type, manifest.digest(), manifest.bytes().length), configDigest));
    }

    /**
     * A manifest by digest (from the cache when it is there) or by tag (from the registry, remembered for offline
     * builds); empty when the registry has none.
     */
    private Optional<RegistryClient.Manifest> manifest(
            ImageReference reference, String registry, String repository, Digest digest) throws IOException {
        BlobStore cache = registries.cache();
        Digest known = digest != null ? digest : registries.offline() ? registries.rememberedTag(reference) : null;
        if (known != null && cache.has(known)) {
            byte[] bytes = cache.read(known);
            return Optional.of(new RegistryClient.Manifest(bytes, mediaTypeOf(bytes, known), known));
        }
        RegistryClient client = registries.client(registry); // fails offline with its own message
        RegistryClient.Manifest fetched;
        try {
            fetched = client.getManifest(repository, digest != null ? digest.toString() : reference.remoteReference());
        } catch (RegistryException e) {
            if (e.kind() == RegistryException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        cache.put(fetched.bytes());
        if (digest == null) {
            registries.rememberTag(reference, fetched.digest());
        }
        return Optional.of(fetched);
    }

    private static String mediaTypeOf(byte[] bytes, Digest digest) throws IOException {
        ObjectNode document = Json.parseObject(bytes, "cached manifest " + digest);
        String type = document.path("mediaType").asText("");
        if (!type.isEmpty()) {
            return type;
        }
        return document.has("manifests") ? MediaType.OCI_INDEX : MediaType.OCI_MANIFEST;
    }

    /** A small blob (a config) from the cache, else fetched into it. */
    private byte[] blob(String registry, String repository, Digest digest, long size) throws IOException {
        return registries.fetch(registry, repository, digest, size).open().readAllBytes();
    }

    /** A failure found in what a registry serves (not in one request's answer). */
    static RegistryException failure(RegistryException.Kind kind, String explanation) {
        return new RegistryException(kind, explanation, null, null, null, false, null);
    }
}
