package io.github.dockerlayer.registry;

import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.log.Sizes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pushes an image to a registry repository: every blob first (layers in parallel, then the config), each checked
 * before it is sent (present: skipped; in another repository of the same registry: mounted, with an upload when the
 * mount fails; else uploaded), and the manifest under each tag last. A push that fails part way therefore never
 * leaves a tag pointing at a blob the registry lacks.
 */
public final class RegistryImageSink {
    /** Layers uploaded at once. */
    static final int PARALLEL_UPLOADS = 4;

    private final Registries registries;
    private final BuildLog log;

    /**
     * What the push did with one blob.
     *
     * @param digest the blob
     * @param status present, mounted or uploaded
     * @param bytesSent bytes of the successful upload; 0 when nothing was sent
     */
    public record BlobPush(Digest digest, PushStatus status, long bytesSent) {}

    /**
     * What the push did.
     *
     * @param manifest the manifest's digest, as the registry confirmed it
     * @param blobs each layer's and the config's outcome, by digest
     * @param manifestStatus present when every tag named the manifest already, else uploaded
     */
    public record Pushed(Digest manifest, Map<Digest, BlobPush> blobs, PushStatus manifestStatus) {
        public long bytesSent() {
            return blobs.values().stream().mapToLong(BlobPush::bytesSent).sum();
        }
    }

    public RegistryImageSink(Registries registries) {
        this.registries = registries;
        this.log = registries.log();
    }

    /**
     * Pushes {@code image} to {@code repository} (a reference without tag) under each of {@code tags}; with no tags,
     * by its digest only.
     */
    public Pushed push(Image image, ImageReference repository, List<String> tags) throws IOException {
        String registry = repository.registryHost();
        String name = repository.remoteRepository();
        RegistryClient client = registries.client(registry);
        Map<Digest, BlobPush> blobs = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(PARALLEL_UPLOADS, Math.max(1, image.layers().size())), runnable -> {
                    Thread thread = new Thread(runnable, "docker-layer-push");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            // Fail fast: the first failure (a 403, the registry gone) is reported at once, not after the uploads before
            // it.
            CompletionService<BlobPush> done = new ExecutorCompletionService<>(pool);
            Map<Digest, Layer> distinct = new LinkedHashMap<>(); // a from image may hold the same layer twice
            image.layers().forEach(layer -> distinct.putIfAbsent(layer.digest(), layer));
            for (Layer layer : distinct.values()) {
                done.submit(() -> pushLayer(client, registry, name, layer));
            }
            for (int i = 0; i < distinct.size(); i++) {
                BlobPush result = await(done.take());
                blobs.put(result.digest(), result);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pushing", e);
        } finally {
            pool.shutdownNow();
        }
        byte[] config = image.configBytes();
        Digest configDigest = image.configDescriptor().digest();
        if (client.hasBlob(name, configDigest)) {
            blobs.put(configDigest, new BlobPush(configDigest, PushStatus.PRESENT, 0));
        } else {
            long sent =
                    client.uploadBlob(name, configDigest, config.length, () -> new ByteArrayInputStream(config), null);
            blobs.put(configDigest, new BlobPush(configDigest, PushStatus.UPLOADED, sent));
        }
        byte[] manifest = image.manifestBytes();
        Digest manifestDigest = image.manifestDescriptor().digest();
        PushStatus manifestStatus = PushStatus.PRESENT;
        // No tag: the manifest by its digest alone (the registry holds it, no tag moves).
        for (String reference : tags.isEmpty() ? List.of(manifestDigest.toString()) : tags) {
            boolean current = client.headManifest(name, reference)
                    .map(d -> d.digest().equals(manifestDigest))
                    .orElse(false);
            if (!current) {
                client.putManifest(name, reference, manifest, MediaType.OCI_MANIFEST); // checks Docker-Content-Digest
                manifestStatus = PushStatus.UPLOADED;
            }
        }
        return new Pushed(manifestDigest, blobs, manifestStatus);
    }

    private BlobPush pushLayer(RegistryClient client, String registry, String name, Layer layer) throws IOException {
        Digest digest = layer.digest();
        if (client.hasBlob(name, digest)) {
            return new BlobPush(digest, PushStatus.PRESENT, 0);
        }
        String source = layer.blob().repository();
        if (source != null && source.startsWith(registry + "/")) {
            String from = source.substring(registry.length() + 1);
            if (!from.equals(name) && client.mountBlob(name, digest, from)) {
                log.info("Mounted " + digest.toShortString() + " (" + Sizes.human(layer.size()) + ") from " + source);
                return new BlobPush(digest, PushStatus.MOUNTED, 0);
            }
        }
        long size = layer.size();
        boolean progress = log.showsProgress(); // the client reports progress for large blobs only
        AtomicLong lastReported = new AtomicLong();
        long sent = client.uploadBlob(
                name,
                digest,
                size,
                layer::open,
                !progress
                        ? null
                        : done -> {
                            long step = Math.max(size / 10, 1);
                            long previous = lastReported.get();
                            if (done - previous >= step && lastReported.compareAndSet(previous, done)) {
                                log.info(String.format(
                                        "  uploading %s: %s of %s (%d%%)",
                                        digest.toShortString(),
                                        Sizes.human(done),
                                        Sizes.human(size),
                                        done * 100 / size));
                            }
                        });
        log.info("Uploaded " + digest.toShortString() + " (" + Sizes.human(sent) + ") to " + registry + "/" + name);
        return new BlobPush(digest, PushStatus.UPLOADED, sent);
    }

    private static BlobPush await(Future<BlobPush> future) throws IOException, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException unchecked) {
                throw unchecked.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }
}
