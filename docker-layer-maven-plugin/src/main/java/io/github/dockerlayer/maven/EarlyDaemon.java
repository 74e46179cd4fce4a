package io.github.dockerlayer.maven;

import io.github.dockerlayer.daemon.DaemonConnection;
import io.github.dockerlayer.daemon.DockerDaemon;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * The early daemon connection: when a module loads into a Docker daemon ({@code load} true or auto), its first goal
 * starts connecting in the background (docker-java's setup, {@code /version}, {@code /info}: about half a second), so
 * that the load finds the connection made while the images were being built.
 */
final class EarlyDaemon {
    private EarlyDaemon() {}

    /** Starts connecting for {@code project} when its {@code load} (the command line's, else the pom's) loads. */
    static void startIfLoading(MavenSession session, MavenProject project) {
        String load = CommandLine.value(
                session,
                "load",
                PluginConfiguration.value(project.getPlugin(SharedBase.PLUGIN_KEY), List.of(), List.of("load")));
        if (load == null
                || !(load.trim().equalsIgnoreCase("true") || load.trim().equalsIgnoreCase("auto"))) {
            return;
        }
        SessionData.ofThisRealm(
                session,
                CompletableFuture.class,
                key(project),
                () -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return DaemonConnection.ENVIRONMENT.connect();
                    } catch (IOException e) {
                        throw new CompletionException(e);
                    }
                }));
    }

    /**
     * The daemon connection {@link #startIfLoading} started for this module (each use takes it once; later uses, and a
     * module that did not start one, connect anew).
     */
    static DaemonConnection.Connector connector(MavenSession session, MavenProject project) {
        return () -> {
            var started = SessionData.take(session, CompletableFuture.class, key(project));
            if (started == null) {
                return DaemonConnection.ENVIRONMENT.connect();
            }
            try {
                return (DockerDaemon) started.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
        };
    }

    private static String key(MavenProject project) {
        return "daemon:" + project.getId();
    }
}
