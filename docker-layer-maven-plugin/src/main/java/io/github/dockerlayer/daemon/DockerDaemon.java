package io.github.dockerlayer.daemon;

import io.github.dockerlayer.image.Digest;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Docker-compatible daemon, as far as this plugin needs one: what it is, what an image name holds there, load an
 * archive, save an image. The one implementation is {@link DockerJavaDaemon}; no type of the client library leaves
 * this package.
 */
public interface DockerDaemon extends Closeable {
    /** Where this daemon was reached, for messages: the socket or address and how it was chosen. */
    DaemonEndpoint endpoint();

    /** What the daemon said of itself (asked once, when connecting). */
    Info info();

    /** The image {@code name} names in the daemon, or empty when there is none. */
    Optional<InspectedImage> inspect(String name) throws IOException;

    /**
     * Loads an archive ({@code docker load}): a docker-archive, or an OCI layout as a tar on the containerd store.
     * Reads the daemon's whole answer: an error inside it (the daemon answers 200 and reports errors in the body)
     * fails with a {@link DaemonException}.
     *
     * @return the names the daemon says it loaded ("Loaded image: app:1"), and image IDs of untagged ones
     */
    List<String> load(InputStream archive) throws IOException;

    /**
     * Builds the Dockerfile in {@code context} ({@code docker build} with the daemon's classic builder: a {@code FROM}
     * image the daemon lacks it pulls from its registry, one it holds it does not pull again), one stage of it, tagged
     * with {@code tags}, steps taken from the cache of {@code cacheFrom} where they match. The daemon's output lines go to {@code progress}; an error
     * in them fails with a {@link DaemonException}.
     *
     * @param target the stage to build
     * @return the built image's ID
     */
    String build(Path context, String target, List<String> tags, List<String> cacheFrom, Consumer<String> progress)
            throws IOException;

    /**
     * Pushes the image the daemon holds as {@code reference} ({@code docker push}): the daemon sends it to the registry
     * the name gives, with {@code username} / {@code secret} when not null ({@code <token>} as user: an identity
     * token). Its output lines go to {@code progress}; an error in them fails with a {@link DaemonException}.
     *
     * @return the manifest digest the daemon reports, or null when it reports none
     */
    String push(String reference, String username, String secret, Consumer<String> progress) throws IOException;

    /** The image {@code name} as a docker-archive ({@code docker save}); close the stream when done. */
    InputStream save(String name) throws IOException;

    @Override
    void close() throws IOException;

    /** Where a daemon keeps its images: what it can load partially. */
    enum Store {
        /** The graph-driver store (overlay2...): image IDs are config digests, layers known by diffId chains. */
        CLASSIC("classic"),
        /** The containerd image store (snapshotters): image IDs are manifest digests, blobs kept by digest. */
        CONTAINERD("containerd");

        private final String label;

        Store(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * What the daemon said of itself.
     *
     * @param product "Docker Engine" or "Podman Engine"
     * @param version the server version
     * @param apiVersion the API version this client speaks with it (the negotiated one)
     * @param store its image store
     * @param id the daemon's ID, to tell daemons apart in records (may be empty)
     */
    record Info(String product, String version, String apiVersion, Store store, String id) {
        public boolean podman() {
            return product.startsWith("Podman");
        }

        @Override
        public String toString() {
            return product + " " + version + " (API " + apiVersion + ", " + store.label() + " image store)";
        }
    }

    /**
     * An image as the daemon holds it.
     *
     * @param id the image ID: the config digest on the classic store, the manifest digest on the containerd store
     * @param diffIds its layers' diffIds, bottom first
     * @param repoTags the names it has
     */
    record InspectedImage(Digest id, List<Digest> diffIds, List<String> repoTags) {}
}
