package io.github.dockerlayer.maven;

import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.record.OutputFiles;
import io.github.dockerlayer.registry.Registries;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** What every goal has: the project, the session, {@code skip}, and how to reach registries. */
abstract class AbstractDockerLayerMojo extends AbstractMojo {
    /** The project the goal runs for (Maven injects it into the goal's constructor). */
    protected final MavenProject project;

    /** The build (Maven injects it into the goal's constructor). */
    protected final MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    protected MojoExecution mojoExecution;

    /**
     * Skips the goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * The shared download cache of this machine: layers, configs and manifests pulled from registries, kept by digest
     * for every project (a JRE is downloaded once, not once per project), and the digest each pulled tag named (so
     * that {@code mvn -o} can build on it). Two builds may use it at once. Default: {@code $XDG_CACHE_HOME/docker-layer},
     * else {@code ~/.cache/docker-layer}. Cache it between CI runs to save the downloads.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.cacheDirectory")
    protected File cacheDirectory;

    /**
     * Allows plain http to registries that are not on this machine (https is tried first). Loopback registries
     * ({@code localhost}, {@code 127.0.0.1}, {@code ::1}) may use http without it. Certificates are always checked
     * against the JDK's trust store.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.allowInsecureRegistries", defaultValue = "false")
    protected boolean allowInsecureRegistries;

    private final SettingsDecrypter decrypter;

    protected AbstractDockerLayerMojo(MavenProject project, MavenSession session, SettingsDecrypter decrypter) {
        this.project = project;
        this.session = session;
        this.decrypter = decrypter;
    }

    /** {@code -Ddocker-layer.NAME=value} from the command line, else {@code configured} ({@link CommandLine#value}). */
    protected final String commandLine(String name, String configured) {
        return CommandLine.value(session, name, configured);
    }

    /** Applies the command line to this goal's parameters ({@link CommandLine#apply}). */
    protected final void applyCommandLine() {
        CommandLine.apply(this, session);
    }

    /** The project's output directory ({@code target/docker-layer}) and the names of the files in it. */
    protected final OutputFiles outputFiles() {
        return OutputFiles.under(Path.of(project.getBuild().getDirectory()));
    }

    /** When this goal has nothing to do here ({@link SkipPolicy}). */
    protected final SkipPolicy skips() {
        return new SkipPolicy(session, project, getLog());
    }

    /** What the modules of this build share: work done once per build (a shared base's layers and its push). */
    @SuppressWarnings("unchecked")
    protected final io.github.dockerlayer.assemble.Once once() {
        return new io.github.dockerlayer.assemble.Once(SessionData.ofThisRealm(
                session,
                java.util.concurrent.ConcurrentMap.class,
                "once",
                io.github.dockerlayer.assemble.Once::newResults));
    }

    /**
     * The registries this goal may talk to, shared by every goal and module of this build that has the same cache
     * directory and {@code allowInsecureRegistries} (and so the same answers): one client per registry for the build,
     * which asks once whether it speaks https and keeps its tokens, instead of one per goal. Nothing to close: the
     * clients hold no resource beyond the build (the JDK client's threads end with it).
     */
    protected final Registries registries(BuildLog log) {
        // A relative cacheDirectory starts at the project directory, as every path parameter of the plugin does.
        Path cache = cacheDirectory != null
                ? project.getBasedir().toPath().resolve(cacheDirectory.toPath()).toAbsolutePath()
                : MavenRegistries.defaultCacheDirectory();
        return SessionData.ofThisRealm(
                session,
                Registries.class,
                cache + ":" + allowInsecureRegistries,
                () -> MavenRegistries.open(session, decrypter, cache, allowInsecureRegistries, log));
    }

    /** The Maven log as the plugin's {@link BuildLog}; progress lines only in interactive builds (not {@code -B}). */
    protected final BuildLog buildLog() {
        boolean interactive =
                session.getRequest() != null && session.getRequest().isInteractiveMode();
        return new BuildLog() {
            @Override
            public void info(String line) {
                getLog().info(MavenWording.commands(line));
            }

            @Override
            public void warn(String line) {
                getLog().warn(MavenWording.commands(line));
            }

            @Override
            public void debug(String line) {
                getLog().debug(MavenWording.commands(line));
            }

            @Override
            public boolean showsProgress() {
                return interactive;
            }
        };
    }
}
