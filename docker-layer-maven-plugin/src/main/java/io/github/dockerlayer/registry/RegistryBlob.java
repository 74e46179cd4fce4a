package io.github.dockerlayer.registry;

import io.github.dockerlayer.blob.BlobStore;
import io.github.dockerlayer.image.Blob;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.log.Sizes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A blob in a registry repository, fetched into the shared download cache the first time a sink needs its bytes (and
 * checked against its digest there). A push to the same registry mounts it instead, so it is never fetched at all.
 */
final class RegistryBlob implements Blob {
    private final Registries registries;
    private final String registry;
    private final String repository;
    private final Digest digest;
    private final long size;

    RegistryBlob(Registries registries, String registry, String repository, Digest digest, long size) {
        this.registries = registries;
        this.registry = registry;
        this.repository = repository;
        this.digest = digest;
        this.size = size;
    }

    @Override
    public InputStream open() throws IOException {
        if (!registries.cache().has(digest)) {
            registries
                    .log()
                    .info("Downloading " + digest.toShortString() + " (" + Sizes.human(size) + ") from " + registry
                            + "/" + repository);
        }
        return registries.fetch(registry, repository, digest, size).open();
    }

    @Override
    public Path file() {
        BlobStore cache = registries.cache();
        return cache.has(digest) ? cache.path(digest) : null;
    }

    @Override
    public String repository() {
        return registry + "/" + repository;
    }

    @Override
    public String toString() {
        return "registry " + registry + "/" + repository + "@" + digest;
    }
}
