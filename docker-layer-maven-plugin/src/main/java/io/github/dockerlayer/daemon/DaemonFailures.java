package io.github.dockerlayer.daemon;

import com.github.dockerjava.api.exception.DockerException;

/** How a request docker-java could not complete is told: refused by the daemon, or nothing answering. */
final class DaemonFailures {
    private DaemonFailures() {}

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

    /** @return the innermost cause's message, or its class's name when it has none */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
