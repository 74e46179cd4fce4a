package io.github.dockerlayer.daemon;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.LoadResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The daemon's streamed answers, read by docker-java: a load's, a build's and a push's lines, their errors and a
 * push's digest. Part of {@link DockerJavaDaemon}.
 */
final class DaemonStreams {
    private static final java.util.regex.Pattern PUSHED_DIGEST =
            java.util.regex.Pattern.compile("digest: (sha256:[0-9a-f]{64})");
    private final DaemonEndpoint endpoint;
    private final DockerClient client;

    DaemonStreams(DaemonEndpoint endpoint, DockerClient client) {
        this.endpoint = endpoint;
        this.client = client;
    }

    /** Loads an archive, reading the daemon's answer stream; see {@link DockerDaemon#load}. */
    List<String> load(InputStream archive) throws IOException {
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
            throw DaemonFailures.failure("POST /images/load", endpoint, e);
        }
        return response.result(endpoint);
    }

    /**
     * Builds {@code target} of the Dockerfile in {@code context}, passing the build's output lines to
     * {@code progress}; the caller finds the image by its first tag.
     *
     * @throws DaemonException when the daemon cannot be asked or the build fails
     */
    void build(Path context, String target, List<String> tags, List<String> cacheFrom, Consumer<String> progress)
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
            throw DaemonFailures.failure(request, endpoint, e);
        }
        refuseIf(error[0], "docker build --target " + target + " on the Docker daemon at " + endpoint.describe());
    }

    /** Pushes through the daemon, reading its answer stream; see {@link DockerDaemon#push}. */
    String push(String reference, String username, String secret, Consumer<String> progress) throws IOException {
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
            throw DaemonFailures.failure("POST /images/" + reference + "/push", endpoint, e);
        }
        refuseIf(error[0], "docker push " + reference + " through the Docker daemon at " + endpoint.describe());
        return digest[0];
    }

    /** Fails when the stream reported an error: {@code command} (what was asked of which daemon) failed with it. */
    private static void refuseIf(String error, String command) throws DaemonException {
        if (error != null) {
            throw new DaemonException(DaemonException.Kind.REFUSED, command + " failed: " + error.strip(), null);
        }
    }

    /** The error a streamed answer's line reports (its errorDetail's message, else its error), or null. */
    private static String errorOf(com.github.dockerjava.api.model.ResponseItem item) {
        return item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                ? item.getErrorDetail().getMessage()
                : item.getError();
    }
}
