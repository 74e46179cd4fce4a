package io.github.dockerlayer.daemon;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.LoadResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.VersionComponent;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.github.dockerlayer.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link DockerDaemon} over docker-java's core and its dependency-free transport. */
public final class DockerJavaDaemon implements DockerDaemon {
    private static final java.util.regex.Pattern PUSHED_DIGEST =
            java.util.regex.Pattern.compile("digest: (sha256:[0-9a-f]{64})");
    private final DaemonEndpoint endpoint;
    private final DockerClient client;
    private final Info info;

    private DockerJavaDaemon(DaemonEndpoint endpoint, DockerClient client, Info info) {
        this.endpoint = endpoint;
        this.client = client;
        this.info = info;
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
                    "no Docker daemon answers at " + endpoint.describe() + ": " + rootMessage(e) + ". Start it, or "
                            + DaemonEndpoint.HOW_TO_CHOOSE + ".",
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
            throw failure("GET /info", endpoint, e);
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
            throw failure("GET /images/" + name + "/json", endpoint, e);
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
        LoadResponse response = new LoadResponse();
        ResultCallback.Adapter<LoadResponseItem> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(LoadResponseItem item) {
                response.accept(
                        item.getStream(),
                        item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : null,
                        item.getError());
            }
        };
        try {
            client.loadImageAsyncCmd(archive).exec(callback).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while loading into the Docker daemon");
        } catch (RuntimeException e) {
            throw failure("POST /images/load", endpoint, e);
        }
        return response.result(endpoint);
    }

    @Override
    public String build(
            Path context, String target, List<String> tags, List<String> cacheFrom, Consumer<String> progress)
            throws IOException {
        String[] error = {null};
        ResultCallback.Adapter<BuildResponseItem> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(BuildResponseItem item) {
                if (item.getStream() != null && !item.getStream().isBlank()) {
                    item.getStream().lines().filter(line -> !line.isBlank()).forEach(progress);
                }
                if (errorOf(item) != null) {
                    error[0] = errorOf(item);
                }
            }
        };
        String request = "POST /build (target " + target + ")";
        try {
            client.buildImageCmd(context.toFile())
                    .withDockerfile(context.resolve("Dockerfile").toFile())
                    .withTarget(target)
                    .withTags(new java.util.LinkedHashSet<>(tags))
                    .withCacheFrom(new java.util.LinkedHashSet<>(cacheFrom))
                    .withPull(false)
                    .withRemove(true)
                    .exec(callback)
                    .awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while building on the Docker daemon");
        } catch (RuntimeException e) {
            throw failure(request, endpoint, e);
        }
        if (error[0] != null) {
            throw new DaemonException(
                    DaemonException.Kind.REFUSED,
                    "docker build --target " + target + " on the Docker daemon at " + endpoint.describe() + " failed: "
                            + error[0].strip(),
                    null);
        }
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
        String[] error = {null};
        String[] digest = {null};
        ResultCallback.Adapter<PushResponseItem> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(PushResponseItem item) {
                String line = item.getStatus() != null
                        ? (item.getId() != null ? item.getId() + ": " : "") + item.getStatus()
                        : item.getStream();
                boolean noise = item.getStatus() != null
                        && java.util.Set.of("Pushing", "Preparing", "Waiting").contains(item.getStatus());
                if (line != null && !line.isBlank() && !noise) {
                    progress.accept(
                            line.strip()); // "<layer>: Pushed", "<layer>: Layer already exists", "1.0.0: digest: ..."
                }
                if (errorOf(item) != null) {
                    error[0] = errorOf(item);
                }
                if (item.getAux() != null && item.getAux().getDigest() != null) {
                    digest[0] = item.getAux().getDigest();
                } else if (digest[0] == null && item.getStatus() != null) {
                    // Docker 26 with the containerd store sends no aux: the digest is only in "<tag>: digest:
                    // sha256:... size: N"
                    java.util.regex.Matcher m = PUSHED_DIGEST.matcher(item.getStatus());
                    if (m.find()) {
                        digest[0] = m.group(1);
                    }
                }
            }
        };
        int colon = reference.lastIndexOf(':');
        boolean tagged = colon > reference.lastIndexOf('/');
        com.github.dockerjava.api.command.PushImageCmd command = client.pushImageCmd(
                        tagged ? reference.substring(0, colon) : reference)
                .withTag(tagged ? reference.substring(colon + 1) : "latest");
        if (username != null) {
            com.github.dockerjava.api.model.AuthConfig auth = new com.github.dockerjava.api.model.AuthConfig();
            auth = "<token>".equals(username)
                    ? auth.withIdentityToken(secret)
                    : auth.withUsername(username).withPassword(secret);
            command = command.withAuthConfig(auth);
        }
        try {
            command.exec(callback).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while pushing through the Docker daemon");
        } catch (RuntimeException e) {
            throw failure("POST /images/" + reference + "/push", endpoint, e);
        }
        if (error[0] != null) {
            throw new DaemonException(
                    DaemonException.Kind.REFUSED,
                    "docker push " + reference + " through the Docker daemon at " + endpoint.describe() + " failed: "
                            + error[0].strip(),
                    null);
        }
        return digest[0];
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
            throw failure("GET /images/" + name + "/get", endpoint, e);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    /** The error a streamed answer's line reports (its errorDetail's message, else its error), or null. */
    private static String errorOf(com.github.dockerjava.api.model.ResponseItem item) {
        return item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                ? item.getErrorDetail().getMessage()
                : item.getError();
    }

    /** A request that failed, as a {@link DaemonException} saying what was asked of which daemon and its answer. */
    static DaemonException failure(String request, DaemonEndpoint endpoint, RuntimeException e) {
        if (e instanceof DockerException docker) {
            return new DaemonException(
                    DaemonException.Kind.REFUSED,
                    request + " to the Docker daemon at "
                            + endpoint.describe() + " failed with HTTP " + docker.getHttpStatus() + ": "
                            + LoadResponse.errorMessage(docker.getMessage()),
                    e);
        }
        return new DaemonException(
                DaemonException.Kind.UNREACHABLE,
                request + " to the Docker daemon at " + endpoint.describe() + " failed: " + rootMessage(e),
                e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // nothing was sent on it
        }
    }
}
