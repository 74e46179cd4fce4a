package io.github.dockerlayer.daemon;

import io.github.dockerlayer.log.BuildLog;
import java.io.IOException;

/**
 * How the goals that use a Docker daemon reach one: the {@link Connector} that opens the connection, and the policy of
 * the {@code load} parameter's {@code auto} (no daemon answering is one line in the log, not a failure).
 */
public final class DaemonConnection {
    private DaemonConnection() {}

    /** Opens the connection to the daemon. */
    @FunctionalInterface
    public interface Connector {
        /** The connection, or the failure naming where the daemon was looked for. */
        DockerDaemon connect() throws IOException;
    }

    /** The daemon this process's environment names (DOCKER_HOST, the Docker context...). */
    public static final Connector ENVIRONMENT = () -> DockerJavaDaemon.connect(DaemonEndpoint.fromEnvironment());

    /**
     * The daemon {@code connector} reaches. When {@code auto} ({@code load=auto}), none either when no daemon answers
     * (one line saying so, {@code doing} saying what is not done); else the failure naming where it was looked for.
     */
    public static DockerDaemon connect(Connector connector, boolean auto, BuildLog log, String doing)
            throws IOException {
        try {
            return connector.connect();
        } catch (IOException e) {
            if (auto && (!(e instanceof DaemonException daemon) || daemon.kind() == DaemonException.Kind.UNREACHABLE)) {
                log.info("Not " + doing + " a Docker daemon (load=auto): " + e.getMessage());
                return null;
            }
            throw e;
        }
    }
}
