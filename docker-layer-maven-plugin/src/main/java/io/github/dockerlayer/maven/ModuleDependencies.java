package io.github.dockerlayer.maven;

import io.github.dockerlayer.layer.DependencyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/** The dependencies of a module that go into its image, each with the base layer it belongs to. */
final class ModuleDependencies {
    private static final String WARNED = ModuleDependencies.class.getName() + ".warned:";

    private ModuleDependencies() {}

    /**
     * The dependencies that go into the image ({@link ImageDependencies#decide}: the runtime classpath, or for a Spring Boot
     * project what its repackaged jar holds), in classpath order, each with the base layer it belongs to.
     */
    static List<DependencyFile> of(
            MavenSession session,
            MavenProject project,
            List<MavenProject> reactorProjects,
            boolean excludeDevtools,
            boolean excludeDockerCompose,
            Log log) {
        Map<String, MavenProject> reactor = new HashMap<>();
        for (MavenProject module : reactorProjects) {
            reactor.put(module.getGroupId() + ":" + module.getArtifactId() + ":" + module.getVersion(), module);
        }
        List<DependencyFile> result = new ArrayList<>();
        DependencyRule rule = DependencyRule.of(project, excludeDevtools, excludeDockerCompose);
        List<String> leftOut = new ArrayList<>();
        for (Artifact artifact : project.getArtifacts()) {
            DependencyRule.Decision decision =
                    ImageDependencies.decide(artifact, artifact.getScope(), artifact.isOptional(), rule);
            if (!decision.in()) {
                if (decision.why() != null) {
                    leftOut.add(artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getBaseVersion()
                            + ": " + decision.why());
                }
                continue;
            }
            Path file = artifact.getFile().toPath();
            MavenProject module = reactor.get(
                    artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getBaseVersion());
            boolean inReactor = module != null || Files.isDirectory(file);
            String problem = module != null && Files.isRegularFile(file) ? ReproducibleJar.problem(module) : null;
            // Once per module and build, not once per goal and app that packs it.
            if (problem != null
                    && session.getRepositorySession().getData().set(WARNED + module.getId(), null, Boolean.TRUE)) {
                log.warn("The jar of reactor module " + module.getArtifactId() + " is not reproducible: " + problem
                        + ". Its bytes change on every clean build, and with them the project-dependencies layer and the"
                        + " base version. Fix: set <project.build.outputTimestamp> (e.g. 2024-01-01T00:00:00Z) in the root"
                        + " pom and use maven-jar-plugin 3.2.0 or later.");
            }
            DependencyFile.Kind kind = inReactor
                    ? DependencyFile.Kind.PROJECT
                    : artifact.isSnapshot() ? DependencyFile.Kind.SNAPSHOT : DependencyFile.Kind.RELEASE;
            result.add(new DependencyFile(
                    artifact.getGroupId(),
                    artifact.getArtifactId(),
                    artifact.getBaseVersion(),
                    artifact.getClassifier(),
                    artifact.getArtifactHandler().getExtension(),
                    file,
                    kind));
        }
        // Once per module and build, not once per goal (base and image both select the dependencies).
        if (!leftOut.isEmpty()
                && session.getRepositorySession()
                        .getData()
                        .set(WARNED + "left-out:" + project.getId(), null, Boolean.TRUE)) {
            leftOut.forEach(line -> log.info("Left out of the image: " + line));
        }
        return result;
    }
}
