package io.github.dockerlayer.daemon;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.VersionComponent;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.github.dockerlayer.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link DockerDaemon} over docker-java's core and its dependency-free transport: connecting (version negotiation,
 * image store), inspecting and saving images. The streamed answers of load, build and push are read by
 * {@link DaemonStreams}, and {@link DaemonFailures} tells what a failed request was; no docker-java type leaves this
 * package.
 */
public final class DockerJavaDaemon implements DockerDaemon {
    private final DaemonEndpoint endpoint;
    private final DockerClient client;
    private final Info info;
    private final DaemonStreams streams;

    private DockerJavaDaemon(DaemonEndpoint endpoint, DockerClient client, Info info) {
        this.endpoint = endpoint;
        this.client = client;
        this.info = info;
        this.streams = new DaemonStreams(endpoint, client);
    }

    /**
     * Connects to the daemon at {@code endpoint}: asks {@code /version} (unversioned, which every daemon answers),
     * negotiates the API version, and asks {@code /info} for the image store.
     *
     * @throws DaemonException of kind {@link DaemonException.Kind#UNREACHABLE} naming the endpoint and how to choose
     *     another when nothing answers there
     */
    public static DockerJavaDaemon connect(DaemonEndpoint endpoint) throws IOException {
        // A bare builder: DaemonEndpoint alone decides (the default one would read ~/.docker-java.properties and
        // system properties, and a context's TLS files even when DOCKER_HOST is set).
        DefaultDockerClientConfig.Builder builder = new DefaultDockerClientConfig.Builder()
                .withDockerHost(endpoint.host().toString())
                .withDockerTlsVerify(endpoint.certPath() != null);
        if (endpoint.certPath() != null) {
            builder.withDockerCertPath(endpoint.certPath().toString());
        }
        DefaultDockerClientConfig unversioned;
        try {
            unversioned = builder.build();
        } catch (RuntimeException e) {
            throw new DaemonException(
                    DaemonException.Kind.UNREACHABLE,
                    "cannot use the Docker daemon at " + endpoint.describe() + ": " + e.getMessage() + "; "
                            + DaemonEndpoint.HOW_TO_CHOOSE + ".",
                    e);
        }
        DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(unversioned.getDockerHost())
                .sslConfig(unversioned.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(10))
                .build();
        Version version;
        try {
            version =
                    DockerClientImpl.getInstance(unversioned, http).versionCmd().exec();
        } catch (RuntimeException e) {
            closeQuietly(http);
            throw new DaemonException(
                    DaemonException.Kind.UNREACHABLE,
                    "no Docker daemon answers at " + endpoint.describe() + ": " + DaemonFailures.rootMessage(e)
                            + ". Start it, or " + DaemonEndpoint.HOW_TO_CHOOSE + ".",
                    e);
        }
        String api = ApiVersions.negotiate(version.getApiVersion(), version.getMinAPIVersion());
        DefaultDockerClientConfig config = builder.withApiVersion(api).build();
        DockerClient client = DockerClientImpl.getInstance(config, http);
        try {
            com.github.dockerjava.api.model.Info daemonInfo = client.infoCmd().exec();
            boolean containerd = daemonInfo.getDriverStatuses() != null
                    && daemonInfo.getDriverStatuses().stream()
                            .anyMatch(pair -> pair.size() == 2
                                    && pair.get(0).equals("driver-type")
                                    && pair.get(1).equals("io.containerd.snapshotter.v1"));
            return new DockerJavaDaemon(
                    endpoint,
                    client,
                    new Info(
                            product(version),
                            String.valueOf(version.getVersion()),
                            api,
                            containerd ? Store.CONTAINERD : Store.CLASSIC,
                            daemonInfo.getId() == null ? "" : daemonInfo.getId()));
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw DaemonFailures.failure("GET /info", endpoint, e);
        }
    }

    private static String product(Version version) {
        List<VersionComponent> components = version.getComponents();
        if (components != null) {
            for (VersionComponent component : components) {
                if (component.getName() != null && component.getName().startsWith("Podman")) {
                    return component.getName();
                }
            }
        }
        return "Docker Engine";
    }

    @Override
    public DaemonEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public Info info() {
        return info;
    }

    @Override
    public Optional<InspectedImage> inspect(String name) throws IOException {
        InspectImageResponse response;
        try {
            response = client.inspectImageCmd(name).exec();
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw DaemonFailures.failure("GET /images/" + name + "/json", endpoint, e);
        }
        List<Digest> diffIds = new ArrayList<>();
        if (response.getRootFS() != null && response.getRootFS().getLayers() != null) {
            response.getRootFS().getLayers().forEach(layer -> diffIds.add(Digest.parse(layer)));
        }
        return Optional.of(new InspectedImage(
                Digest.parse(response.getId()),
                diffIds,
                response.getRepoTags() == null ? List.of() : List.copyOf(response.getRepoTags())));
    }

    @Override
    public List<String> load(InputStream archive) throws IOException {
        return streams.load(archive);
    }

    @Override
    public String build(
            Path context, String target, List<String> tags, List<String> cacheFrom, Consumer<String> progress)
            throws IOException {
        streams.build(context, target, tags, cacheFrom, progress);
        String request = "POST /build (target " + target + ")";
        // The answer names the image by a short ID at best: its first name says which it is.
        return inspect(tags.get(0))
                .map(image -> image.id().toString())
                .orElseThrow(() -> new DaemonException(
                        DaemonException.Kind.REFUSED,
                        request + " to the Docker daemon at " + endpoint.describe() + " ended without an image named "
                                + tags.get(0),
                        null));
    }

    @Override
    public String push(String reference, String username, String secret, Consumer<String> progress) throws IOException {
        return streams.push(reference, username, secret, progress);
    }

    @Override
    public InputStream save(String name) throws IOException {
        try {
            return client.saveImageCmd(name).exec();
        } catch (NotFoundException e) {
            throw new DaemonException(
                    DaemonException.Kind.REFUSED,
                    "the Docker daemon at " + endpoint.describe() + " has no image " + name,
                    e);
        } catch (RuntimeException e) {
            throw DaemonFailures.failure("GET /images/" + name + "/get", endpoint, e);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // nothing was sent on it
        }
    }
}
