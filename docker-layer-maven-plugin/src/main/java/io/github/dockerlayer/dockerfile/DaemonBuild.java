package io.github.dockerlayer.dockerfile;

import io.github.dockerlayer.daemon.DaemonConnection;
import io.github.dockerlayer.daemon.DockerDaemon;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.load.LoadMode;
import io.github.dockerlayer.log.BuildLog;
import java.io.IOException;
import java.util.List;

/**
 * The {@code dockerfile} goal with {@code load}: the Dockerfile it wrote, built on the Docker daemon as the recipe's
 * {@code make docker_base} and {@code make docker_image} do: the {@code base} stage tagged with the base version, then
 * the {@code app} stage tagged with the app's names, the base as its cache source (so the base's steps, a
 * {@code RUN apt-get} among them, run only when the base changed).
 */
public final class DaemonBuild {
    private DaemonBuild() {}

    /**
     * Builds {@code written}'s stages in order on the daemon {@code mode} asks for ({@code false}: none; {@code auto}:
     * the one that answers, else one line saying none does).
     *
     * @return the app image's ID, or null when nothing was built
     */
    public static String build(
            DockerfileWriter.Written written, LoadMode mode, DaemonConnection.Connector connector, BuildLog log)
            throws IOException {
        DockerDaemon daemon = mode.connect(connector, log, "building the Dockerfile on");
        if (daemon == null) {
            return null;
        }
        try (daemon) {
            String id = null;
            for (DockerfileWriter.Build stage : written.builds()) {
                long started = System.nanoTime();
                log.info("Building stage " + stage.target() + " on " + daemon.info() + " at "
                        + daemon.endpoint().describe() + ": "
                        + stage.command(written.directory().toString()));
                id = daemon.build(
                        written.directory(), stage.target(), names(stage.tags()), names(stage.cacheFrom()), line -> {
                            if (line.startsWith("Step ")) {
                                log.info("  " + line); // one line a Dockerfile step; what the steps print only with -X
                            } else {
                                log.debug("  " + line);
                            }
                        });
                log.info(String.format(
                        "Built %s (stage %s) in %d ms: %s",
                        String.join(", ", names(stage.tags())),
                        stage.target(),
                        (System.nanoTime() - started) / 1_000_000,
                        id));
            }
            return id;
        }
    }

    private static List<String> names(List<ImageReference> references) {
        return references.stream().map(ImageReference::toString).toList();
    }
}
