package io.github.dockerlayer.maven;

import io.github.dockerlayer.record.OutputFiles;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * When a goal has nothing to do for a module, each case saying why in one line: {@code skip}, packaging pom, a goal
 * that already ran with the same configuration, a library module of a multi-module build, no image to work on. A
 * packaging other than jar is built as a jar, with a warning.
 */
final class SkipPolicy {
    private final MavenSession session;
    private final MavenProject project;
    private final Log log;

    SkipPolicy(MavenSession session, MavenProject project, Log log) {
        this.session = session;
        this.project = project;
        this.log = log;
    }

    /**
     * Whether the goal has nothing to do here, saying why in the log: {@code skip} is set, or the project has
     * packaging pom (no code, so no image).
     */
    boolean skipped(boolean skip) {
        if (skip) {
            log.info("Skipping: docker-layer.skip is true.");
            return true;
        }
        if ("pom".equals(project.getPackaging())) {
            log.info("Skipping: " + project.getArtifactId()
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
    boolean ranAlready(MojoExecution mojoExecution) {
        if (mojoExecution == null || mojoExecution.getMojoDescriptor() == null) {
            return false;
        }
        String goal = mojoExecution.getMojoDescriptor().getGoal();
        Object configuration = mojoExecution.getConfiguration();
        String run = mojoExecution.getExecutionId() + "\n" + (configuration == null ? "" : configuration.toString());
        @SuppressWarnings("unchecked")
        ConcurrentMap<String, String> ran =
                (ConcurrentMap<String, String>) SessionData.ofBuild(session, "goals-run", ConcurrentHashMap::new);
        String earlier = ran.putIfAbsent(project.getId() + ":" + goal, run);
        if (earlier == null) {
            return false;
        }
        String earlierExecution = earlier.substring(0, earlier.indexOf('\n'));
        if (!earlier.substring(earlier.indexOf('\n') + 1).equals(run.substring(run.indexOf('\n') + 1))) {
            ran.put(project.getId() + ":" + goal, run);
            return false; // another configuration: its own work
        }
        log.info("Skipping: docker-layer:" + goal + " already ran for " + project.getArtifactId()
                + " in this build (" + "execution " + earlierExecution
                + ") with the same configuration; nothing to do again.");
        return true;
    }

    /**
     * Whether the base and image goals left an image in {@code files} for this goal to work on ({@code built}). When
     * they did not: in a multi-module build the module is skipped with a line saying so (a library gets no image);
     * alone, the goal fails saying how to build it first.
     *
     * @param doing what the goal does with the image, for the messages ("push", "compare")
     * @param goal the goal's name
     */
    boolean imageBuilt(boolean built, OutputFiles files, String doing, String goal) throws IOException {
        if (built) {
            return true;
        }
        if (session.getProjects().size() > 1) {
            log.info("Skipping: no image was built for " + project.getArtifactId() + " (" + files.imageJson()
                    + " is missing), so there is nothing to " + doing + ".");
            return false;
        }
        throw new IOException("there is no image to " + doing + ": " + files.imageJson() + " is missing."
                + " Build it first, in the same run: mvn package docker-layer:base docker-layer:image docker-layer:"
                + goal + ".");
    }

    /** Warns that a packaging other than jar (e.g. war) gets the image of a jar. */
    void warnIfNotJar() {
        if (!"jar".equals(project.getPackaging())) {
            log.warn("Packaging is " + project.getPackaging()
                    + ": the image holds the classes, resources and runtime"
                    + " dependencies as for a jar; anything else the packaging adds (e.g. src/main/webapp of a war) is not"
                    + " in it.");
        }
    }

    /**
     * Warns that {@code baseInstructions} (on the command line or in the pom) are not run by a goal that builds without
     * Docker.
     *
     * @param runs whether this goal runs them (the dockerfile goal)
     */
    void warnIfBaseInstructionsUnused(boolean runs) {
        if (!runs
                && (CommandLine.value(session, "baseInstructions", null) != null
                        || PluginConfiguration.sets(project.getPlugin(SharedBase.PLUGIN_KEY), "baseInstructions"))) {
            log.warn("<baseInstructions> is set, but this goal builds without Docker and runs no instruction: the"
                    + " images it makes do not have them. They apply to the dockerfile goal only (its Dockerfile's base"
                    + " stage, built by Docker with -Ddocker-layer.load=true); or use a from image that has them.");
        }
    }

    /**
     * Skips this module of a multi-module build (a library, or not the module a reactor-wide {@code <mainClass>} names),
     * the log line said already: the build's summary records {@code reason}, and an image an earlier build left is
     * forgotten.
     */
    void skipModule(String reason) throws IOException {
        ReactorSummary.skipped(session, project.getArtifactId(), reason, log);
        new ReactorModule(session, project, log).forgetEarlierImage();
    }
}
