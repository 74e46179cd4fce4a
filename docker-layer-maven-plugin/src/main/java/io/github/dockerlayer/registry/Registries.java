package io.github.dockerlayer.registry;

import io.github.dockerlayer.blob.AtomicFiles;
import io.github.dockerlayer.blob.BlobStore;
import io.github.dockerlayer.failure.Invocation;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.registry.credentials.Credential;
import io.github.dockerlayer.registry.credentials.CredentialProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registries one build talks to: a client per registry host (sharing credentials, transport settings and tokens
 * for the whole build), and the shared download cache on this machine, where pulled blobs (layers, configs,
 * manifests) are kept by digest for every project, with the digest each pulled tag last named so that an offline
 * build ({@code mvn -o}) can use what an online one fetched.
 */
public final class Registries implements AutoCloseable {
    private final Path cacheRoot;
    private final BlobStore cache;
    private final boolean offline;
    private final BuildLog log;
    private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();
    private final java.util.function.Function<String, RegistryClient> factory;
    private final CredentialProvider credentials;

    /**
     * @param cacheRoot the shared cache directory (blobs under {@code blobs/}, tag records under {@code tags/})
     * @param offline true under {@code mvn -o}: no request is sent, and asking for a client fails saying so
     */
    public Registries(
            CredentialProvider credentials,
            RegistryClient.Settings settings,
            Path cacheRoot,
            boolean offline,
            BuildLog log) {
        this(host -> RegistryClient.create(host, credentials, settings, log), credentials, cacheRoot, offline, log);
    }

    /** With clients made by {@code factory} (tests use in-process fakes). */
    Registries(
            java.util.function.Function<String, RegistryClient> factory,
            Path cacheRoot,
            boolean offline,
            BuildLog log) {
        this(factory, CredentialProvider.ANONYMOUS, cacheRoot, offline, log);
    }

    private Registries(
            java.util.function.Function<String, RegistryClient> factory,
            CredentialProvider credentials,
            Path cacheRoot,
            boolean offline,
            BuildLog log) {
        this.factory = factory;
        this.credentials = credentials;
        this.cacheRoot = cacheRoot;
        this.cache = BlobStore.at(cacheRoot.resolve("blobs"));
        this.offline = offline;
        this.log = log;
    }

    /**
     * The login for a registry host as the clients find it (settings.xml, Docker's and Podman's files), or null for
     * none: what a push through a Docker daemon hands the daemon.
     */
    public Credential credential(String registry) throws IOException {
        return credentials.find(registry);
    }

    /** The client for a registry host as a reference writes it; fails when Maven is offline. */
    public RegistryClient client(String registry) throws IOException {
        if (offline) {
            throw new OfflineException(registry);
        }
        RegistryClient client = clients.get(registry);
        if (client == null) {
            client = clients.computeIfAbsent(registry, factory);
        }
        return client;
    }

    /**
     * A blob that lives in {@code repository} ({@code host[:port]/name}, as image.json records it): read from the
     * cache when it is there, else fetched when opened; a push to the same registry mounts it.
     */
    public io.github.dockerlayer.image.Blob blob(String repository, Digest digest, long size) {
        int slash = repository.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("not host/name: " + repository);
        }
        return new RegistryBlob(this, repository.substring(0, slash), repository.substring(slash + 1), digest, size);
    }

    /**
     * The cached blob, fetched into the cache from {@code registry}/{@code repository} first when it is not there
     * (checked against its digest on the way in).
     */
    io.github.dockerlayer.image.Blob fetch(String registry, String repository, Digest digest, long size)
            throws IOException {
        if (!cache.has(digest)) {
            RegistryClient client = client(registry);
            cache.put(out -> client.getBlob(repository, digest, size, out), digest);
        }
        return cache.blob(digest);
    }

    public boolean offline() {
        return offline;
    }

    /** The shared, digest-keyed download cache. */
    public BlobStore cache() {
        return cache;
    }

    public BuildLog log() {
        return log;
    }

    /** The digest a tag named when last pulled, from the cache's records; null when it was never pulled here. */
    Digest rememberedTag(ImageReference reference) throws IOException {
        Path file = tagFile(reference);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Digest.parse(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (IllegalArgumentException corrupt) {
            return null;
        }
    }

    void rememberTag(ImageReference reference, Digest digest) throws IOException {
        AtomicFiles.write(tagFile(reference), digest.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Path tagFile(ImageReference reference) {
        String host = reference.registryHost().replace(':', '_');
        return cacheRoot
                .resolve("tags")
                .resolve(host)
                .resolve(reference.remoteRepository())
                .resolve(reference.remoteReference() + ".digest");
    }

    @Override
    public void close() {
        clients.values().forEach(RegistryClient::close);
        clients.clear();
    }

    /** What {@link #client} throws in the build tool's offline mode. */
    public static final class OfflineException extends IOException {
        OfflineException(String registry) {
            super(
                    Invocation.OFFLINE + ", so registry " + registry
                            + " cannot be reached. Run once " + Invocation.ONLINE + " (the plugin"
                            + " then keeps what it pulled in its cache), or use a from image on disk (oci:PATH, docker-archive:PATH).");
        }
    }
}
