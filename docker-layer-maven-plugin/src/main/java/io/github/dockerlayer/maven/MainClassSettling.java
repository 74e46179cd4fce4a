package io.github.dockerlayer.maven;

import io.github.dockerlayer.assemble.Parameters;
import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.layer.QuarkusLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * The class the image runs: the {@code mainClass} parameter checked against the module's classpath, else the one the
 * pom names or the module's one main method; in a multi-module build, a module without one is a library and skips.
 */
final class MainClassSettling {
    /**
     * A settled launch.
     *
     * @param mainClass the class the image runs, null when there is none to name (the base goal of a module without one)
     * @param launchArgs the container's arguments and where they came from; null when no main class is named
     */
    record Settled(String mainClass, LaunchArgs launchArgs) {}

    private final MavenSession session;
    private final MavenProject project;
    private final SkipPolicy skips;
    private final Log log;
    private final ReactorModule reactor;

    MainClassSettling(MavenSession session, MavenProject project, SkipPolicy skips, Log log) {
        this.session = session;
        this.project = project;
        this.skips = skips;
        this.log = log;
        this.reactor = new ReactorModule(session, project, log);
    }

    /**
     * A Quarkus project runs its fast-jar: no main class to settle; a {@code mainClass} set is not used, and the log
     * says so.
     */
    Settled quarkus(String mainClass) {
        if (mainClass != null && !mainClass.isBlank()) {
            log.warn("<mainClass> " + mainClass.trim() + " is not used: " + project.getArtifactId()
                    + " is a Quarkus fast-jar, which the image runs as java -jar " + QuarkusLayout.RUNNER + ".");
        }
        return new Settled(null, null);
    }

    /**
     * Settles the main class and the launch arguments before anything is built; null when this module is skipped
     * (a library of a multi-module build, or a reactor-wide {@code <mainClass>} that is another module's).
     *
     * @param mainClass the {@code mainClass} parameter, null or blank when it is not set
     * @param userArgs the user's {@code args}
     */
    Settled settle(String mainClass, Supplier<List<String>> userArgs) throws IOException {
        String unusable = null; // a main class the pom names that is not on the module's classpath
        if (mainClass == null || mainClass.isBlank()) {
            PomMainClass.Result declared = PomMainClass.find(project, log);
            mainClass = declared.name();
            unusable = declared.unusable();
            Path classes = Path.of(project.getBuild().getOutputDirectory());
            if (mainClass == null && unusable != null && !Files.isDirectory(classes) && reactor.hasMainSources()) {
                // Say what was found where: the pom names a class, which cannot be looked for in classes not compiled
                // (a module without main sources, such as a test-only module, is a library and skips below).
                throw new InvalidParameterException(
                        "mainClass",
                        "it is not set, and the main class " + unusable
                                + " that " + declared.unusableOrigin() + " names is not on " + project.getArtifactId()
                                + "'s classpath: " + classes + " does not exist, the project is not compiled yet.",
                        "run the goal after the package phase, e.g. mvn package docker-layer:image.");
            }
        } else if (!PomMainClass.isRunnable(project, Parameters.mainClass(mainClass))) {
            String problem = "'" + mainClass.trim() + "' is neither among " + project.getArtifactId()
                    + "'s classes nor in its runtime dependencies"
                    + (Files.isDirectory(Path.of(project.getBuild().getOutputDirectory()))
                            ? ""
                            : " (" + project.getBuild().getOutputDirectory() + " does not exist: run after package)");
            if (session.getProjects().size() > 1) {
                // A <mainClass> set for every module of a reactor names one module's class: the others skip. One
                // that fits no module at all is a mistake, not a library: fail now rather than ship nothing.
                String holder = reactor.moduleHolding(Parameters.mainClass(mainClass));
                if (holder == null) {
                    throw new InvalidParameterException(
                            "mainClass",
                            "'" + mainClass.trim() + "' is in none of the "
                                    + reactor.reactorProjects().size()
                                    + " modules of this build (neither among their classes or"
                                    + " sources nor in their runtime dependencies), so no module could run it.",
                            "check the fully qualified name, e.g. com.example.Main, or leave <mainClass> unset to infer"
                                    + " it per module.");
                }
                log.warn("Skipping: <mainClass> " + problem + " (it is " + holder + "'s).");
                skips.skipModule(
                        "<mainClass> " + mainClass.trim() + " is not among its classes or runtime dependencies");
                return null;
            }
            throw new InvalidParameterException(
                    "mainClass",
                    problem + ", so java could not start it.",
                    "check the fully qualified name, e.g. com.example.Main, or leave <mainClass> unset to infer it.");
        }
        if (mainClass == null && session.getProjects().size() > 1 && !reactor.hasMainCode()) {
            String dependent = reactor.reactorDependents();
            log.info("Skipping: " + project.getArtifactId() + " has no class with a main method"
                    + (unusable == null ? "" : " (its pom names " + unusable + ", which is not on its classpath)")
                    + ", so in this multi-module build it is taken for "
                    + (dependent != null ? "a library of " + dependent : "a library or test module")
                    + "; set <mainClass> to build an image of it.");
            skips.skipModule("no class with a main method"
                    + (unusable == null ? "" : " (its pom names " + unusable + ", not on its classpath)"));
            return null;
        }
        LaunchArgs launchArgs = null;
        if (mainClass != null && !mainClass.isBlank()) {
            // A known launcher without its verticle fails here, in the base goal too, before anything is built.
            launchArgs = LaunchArgs.of(project, Parameters.mainClass(mainClass), userArgs.get());
        }
        return new Settled(mainClass, launchArgs);
    }
}
