package io.github.dockerlayer.maven;

import io.github.dockerlayer.log.BuildLog;
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
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

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

    protected AbstractDockerLayerMojo(SettingsDecrypter decrypter) {
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

    /**
     * Whether the goal has nothing to do here, saying why in the log: {@code skip} is set, or the project has
     * packaging pom (no code, so no image).
     */
    protected final boolean skipped() {
        if (skip) {
            getLog().info("Skipping: docker-layer.skip is true.");
            return true;
        }
        if ("pom".equals(project.getPackaging())) {
            getLog().info("Skipping: " + project.getArtifactId()
                    + " has packaging pom, so there is no code to put in an image.");
            return true;
        }
        return false;
    }

    /**
     * Whether this goal already ran for this project in this build with the same configuration, saying so in one line:
     * with the extension, {@code mvn package docker-layer:base docker-layer:image} runs each goal twice (bound at
     * {@code package}, then from the command line), and the second run would redo the first's work. Kept for the whole
     * build in JDK types: the bound and the named goal may run in two class realms of the plugin.
     */
    protected final boolean ranAlready() {
        if (mojoExecution == null || mojoExecution.getMojoDescriptor() == null) {
            return false;
        }
        String goal = mojoExecution.getMojoDescriptor().getGoal();
        Object configuration = mojoExecution.getConfiguration();
        String run = mojoExecution.getExecutionId() + "\n" + (configuration == null ? "" : configuration.toString());
        @SuppressWarnings("unchecked")
        java.util.concurrent.ConcurrentMap<String, String> ran = (java.util.concurrent.ConcurrentMap<String, String>)
                SessionData.ofBuild(session, "goals-run", java.util.concurrent.ConcurrentHashMap::new);
        String earlier = ran.putIfAbsent(project.getId() + ":" + goal, run);
        if (earlier == null) {
            return false;
        }
        String earlierExecution = earlier.substring(0, earlier.indexOf('\n'));
        if (!earlier.substring(earlier.indexOf('\n') + 1).equals(run.substring(run.indexOf('\n') + 1))) {
            ran.put(project.getId() + ":" + goal, run);
            return false; // another configuration: its own work
        }
        getLog().info("Skipping: docker-layer:" + goal + " already ran for " + project.getArtifactId()
                + " in this build (" + "execution " + earlierExecution
                + ") with the same configuration; nothing to do again.");
        return true;
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
     * Whether the base and image goals left an image in {@code output} for this goal to work on ({@code built}). When
     * they did not: in a multi-module build the module is skipped with a line saying so (a library gets no image);
     * alone, the goal fails saying how to build it first.
     *
     * @param doing what the goal does with the image, for the messages ("push", "compare")
     * @param goal the goal's name
     */
    protected final boolean imageBuilt(boolean built, Path output, String doing, String goal)
            throws java.io.IOException {
        if (built) {
            return true;
        }
        if (session.getProjects().size() > 1) {
            getLog().info("Skipping: no image was built for " + project.getArtifactId() + " (" + output
                    + "/image.json is missing), so there is nothing to " + doing + ".");
            return false;
        }
        throw new java.io.IOException(
                "there is no image to " + doing + ": " + output.resolve("image.json") + " is missing."
                        + " Build it first, in the same run: mvn package docker-layer:base docker-layer:image docker-layer:"
                        + goal + ".");
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
                getLog().info(line);
            }

            @Override
            public void warn(String line) {
                getLog().warn(line);
            }

            @Override
            public void debug(String line) {
                getLog().debug(line);
            }

            @Override
            public boolean showsProgress() {
                return interactive;
            }
        };
    }
}
