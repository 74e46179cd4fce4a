package io.github.dockerlayer.maven;

import io.github.dockerlayer.layer.DependencyFile;
import io.github.dockerlayer.log.BuildLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.RepositoryUtils;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.eclipse.aether.graph.Dependency;

/**
 * Selects the dependencies that go into a module's image, by one rule for its own base and for a base it shares with
 * other services: what Maven puts on the runtime classpath (an artifact whose type is added to the classpath: a
 * {@code jar}, a {@code test-jar}, not a {@code pom}, a {@code zip} or a {@code java-source}), then what
 * {@link DependencyRule} keeps of it.
 */
@Named
@Singleton
public class ImageDependencies {
    private static final String WARNED = ImageDependencies.class.getName() + ".warned:";

    private final ProjectDependenciesResolver resolver;

    /**
     * @param resolver Maven's resolver, for the dependencies of a shared base's other services
     */
    @Inject
    public ImageDependencies(ProjectDependenciesResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * The dependencies of {@code project}'s own base, in classpath order, each with the base layer it belongs to; a
     * reactor module's jar that is not reproducible is warned of once per build, and what the rule left out is listed
     * once per module.
     *
     * @param reactorProjects the modules of the build, whose jars go into the project-dependencies layer
     */
    public List<DependencyFile> ofModule(
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
            DependencyRule.Decision decision = decide(artifact, artifact.getScope(), artifact.isOptional(), rule);
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

    /**
     * The dependencies of the base {@code project} shares with the other services of the build that name the same
     * {@code base} ({@link SharedBase}), or null when no other service does.
     *
     * @param baseOf the base repository a module names, null when it names none
     */
    public List<DependencyFile> ofSharedBase(
            MavenSession session,
            MavenProject project,
            String base,
            Function<MavenProject, String> baseOf,
            boolean excludeDevtools,
            boolean excludeDockerCompose,
            BuildLog log)
            throws IOException {
        return SharedBase.of(
                session,
                project,
                base,
                baseOf,
                resolver,
                module -> DependencyRule.of(module, excludeDevtools, excludeDockerCompose),
                log);
    }

    /**
     * Whether a resolved dependency goes into the image: the one rule for both kinds of base.
     *
     * @param artifact the dependency as Maven's project holds it ({@link #artifact} for a resolved one)
     * @param scope its scope
     * @param optional whether it is a direct optional dependency
     * @param rule the module's rule
     */
    static DependencyRule.Decision decide(Artifact artifact, String scope, boolean optional, DependencyRule rule) {
        if (artifact.getFile() == null || !artifact.getArtifactHandler().isAddedToClasspath()) {
            return DependencyRule.Decision.NOT_RUNTIME;
        }
        return rule.decide(
                artifact.getGroupId(),
                artifact.getArtifactId(),
                artifact.getClassifier(),
                scope,
                optional,
                artifact.getFile().toPath());
    }

    /**
     * A resolved dependency as Maven's project holds it: Maven makes a project's artifacts from the resolved graph so,
     * its type's classpath flag included.
     */
    static Artifact artifact(Dependency dependency) {
        return RepositoryUtils.toArtifact(dependency.getArtifact());
    }
}
