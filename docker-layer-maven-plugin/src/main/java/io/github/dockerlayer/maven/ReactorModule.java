package io.github.dockerlayer.maven;

import io.github.dockerlayer.project.MainClassFinder;
import io.github.dockerlayer.record.OutputFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * A module's place in its reactor, as the image goals see it: which modules the reactor has (also those {@code -pl}
 * left out), which use this one (then it is a library), which holds a class, whether this one has main code, and the
 * records of an earlier image a skipped module must drop.
 */
final class ReactorModule {
    private final MavenSession session;
    private final MavenProject project;
    private final Log log;

    ReactorModule(MavenSession session, MavenProject project, Log log) {
        this.session = session;
        this.project = project;
        this.log = log;
    }

    /** Every module of the reactor, including those {@code -pl} left out of this build. */
    List<MavenProject> reactorProjects() {
        List<MavenProject> all = session.getAllProjects();
        return all != null ? all : session.getProjects();
    }

    /**
     * The modules of the reactor that depend on this one ("a, b and c"), or null when none does: then this one is a
     * library (or a test module), not an app.
     */
    String reactorDependents() {
        List<String> dependents = new ArrayList<>();
        for (MavenProject other : reactorProjects()) {
            for (org.apache.maven.model.Dependency dependency : other.getDependencies()) {
                if (dependency.getGroupId().equals(project.getGroupId())
                        && dependency.getArtifactId().equals(project.getArtifactId())
                        && !dependents.contains(other.getArtifactId())) {
                    dependents.add(other.getArtifactId());
                }
            }
        }
        if (dependents.isEmpty()) {
            return null;
        }
        int last = dependents.size() - 1;
        return last == 0
                ? dependents.get(0)
                : String.join(", ", dependents.subList(0, last)) + " and " + dependents.get(last);
    }

    /**
     * The first module of the reactor that holds {@code className} (among its classes, in its main sources, not
     * compiled yet in a build that runs modules in parallel, or in its runtime dependencies), or null.
     */
    String moduleHolding(String className) throws java.io.IOException {
        String source = className.replace('.', '/');
        for (MavenProject module : reactorProjects()) {
            if (PomMainClass.isRunnable(module, className)) {
                return module.getArtifactId();
            }
            for (String root : module.getCompileSourceRoots()) {
                for (String extension : new String[] {".java", ".kt", ".groovy", ".scala"}) {
                    if (Files.isRegularFile(Path.of(root, source + extension))) {
                        return module.getArtifactId();
                    }
                }
            }
        }
        return null;
    }

    /**
     * Whether the module may hold a main class: some compiled class has one, or it has main sources not compiled yet
     * (then the build goes on and says to compile first).
     */
    boolean hasMainCode() throws java.io.IOException {
        Path classes = Path.of(project.getBuild().getOutputDirectory());
        if (Files.isDirectory(classes)) {
            return !MainClassFinder.find(classes).isEmpty();
        }
        return hasMainSources();
    }

    /** Whether the module has main source files (compiled or not). */
    boolean hasMainSources() throws java.io.IOException {
        for (String root : project.getCompileSourceRoots()) {
            if (Files.isDirectory(Path.of(root))) {
                try (var files = Files.walk(Path.of(root))) {
                    if (files.anyMatch(Files::isRegularFile)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * A module skipped in this build must not look built to the goals after it: an earlier build's {@code image.json}
     * and {@code base.json} would have {@code push} send that earlier image (and {@code diff} compare it) as if it were
     * this build's. They are removed (the layout stays; the next build that makes an image reuses its layers).
     */
    void forgetEarlierImage() throws java.io.IOException {
        OutputFiles files = OutputFiles.under(Path.of(project.getBuild().getDirectory()));
        boolean removed = false;
        for (Path record : List.of(files.imageJson(), files.baseJson())) {
            removed |= Files.deleteIfExists(record);
        }
        if (removed) {
            log.info("Removed the records of an earlier image of " + project.getArtifactId() + " (" + files.imageJson()
                    + ", base.json), so that push and diff do not take it for this build's.");
        }
    }
}
