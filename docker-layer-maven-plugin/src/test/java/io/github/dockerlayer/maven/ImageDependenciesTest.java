package io.github.dockerlayer.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.layer.DependencyFile;
import io.github.dockerlayer.log.BuildLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import org.apache.maven.RepositoryUtils;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.DependencyResolutionResult;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One rule picks a module's image dependencies, whether the base is its own or shared with other services. */
class ImageDependenciesTest {
    private static final BuildLog QUIET = new BuildLog() {
        @Override
        public void info(String line) {}

        @Override
        public void warn(String line) {}
    };

    @TempDir
    Path temp;

    @Test
    void aModulesOwnBaseAndASharedBaseChooseTheSameJars() throws Exception {
        List<Artifact> dependencies = List.of(
                artifact("core", "jar", null, handler("jar", "jar", true)),
                artifact("fixtures", "test-jar", "tests", handler("test-jar", "jar", true)),
                artifact("platform", "pom", null, handler("pom", "pom", false)),
                artifact("assets", "zip", null, new DefaultArtifactHandler("zip")), // a type Maven does not know
                artifact("core", "java-source", "sources", handler("java-source", "jar", false)));
        MavenProject a = service("a", dependencies);
        MavenProject b = service("b", dependencies);
        MavenSession session = session(List.of(a, b));
        ImageDependencies selection = new ImageDependencies(resolver(dependencies));

        List<String> own = names(selection.ofModule(session, a, List.of(a, b), true, true, new SystemStreamLog()));
        List<String> shared =
                names(selection.ofSharedBase(session, a, "team/base", module -> "team/base", true, true, QUIET));

        // The runtime classpath Maven gives: the jar and the test-jar; not the pom, the zip or the sources jar.
        assertEquals(List.of("core-1.0.jar", "fixtures-1.0-tests.jar"), own);
        assertEquals(own, shared);
    }

    @Test
    void theRuleReadsTheClasspathFlagMavenDerivesFromTheType() throws Exception {
        DependencyRule rule = DependencyRule.of(new MavenProject(new Model()), true, true);
        Artifact sources = artifact("core", "java-source", "sources", handler("java-source", "jar", false));
        Artifact tests = artifact("fixtures", "test-jar", "tests", handler("test-jar", "jar", true));
        for (Artifact artifact : List.of(sources, tests)) {
            Artifact resolved =
                    ImageDependencies.artifact(new Dependency(RepositoryUtils.toArtifact(artifact), "compile"));
            assertEquals(
                    ImageDependencies.decide(artifact, "compile", false, rule),
                    ImageDependencies.decide(resolved, "compile", false, rule),
                    artifact.toString());
        }
        assertFalse(ImageDependencies.decide(sources, "compile", false, rule).in());
        assertTrue(ImageDependencies.decide(tests, "runtime", false, rule).in());
        assertFalse(ImageDependencies.decide(tests, "test", false, rule).in());
    }

    /** An artifact type as Maven's artifact handlers define it. */
    private static DefaultArtifactHandler handler(String type, String extension, boolean classpath) {
        DefaultArtifactHandler handler = new DefaultArtifactHandler(type);
        handler.setExtension(extension);
        handler.setLanguage("java");
        handler.setAddedToClasspath(classpath);
        return handler;
    }

    private Artifact artifact(String name, String type, String classifier, DefaultArtifactHandler handler)
            throws Exception {
        Artifact artifact = new DefaultArtifact("org.lib", name, "1.0", "compile", type, classifier, handler);
        Path file = temp.resolve(
                name + "-1.0" + (classifier == null ? "" : "-" + classifier) + "." + handler.getExtension());
        Files.write(file, new byte[0]);
        artifact.setFile(file.toFile());
        return artifact;
    }

    private static MavenProject service(String name, List<Artifact> dependencies) {
        Model model = new Model();
        model.setGroupId("com.example");
        model.setArtifactId(name);
        model.setVersion("1");
        model.setPackaging("jar");
        model.setBuild(new Build());
        Plugin plugin = new Plugin();
        plugin.setGroupId("io.github.dockerlayer");
        plugin.setArtifactId("docker-layer-maven-plugin");
        model.getBuild().addPlugin(plugin);
        MavenProject project = new MavenProject(model);
        project.setArtifacts(new LinkedHashSet<>(dependencies));
        return project;
    }

    private static MavenSession session(List<MavenProject> projects) {
        DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();
        request.setUserProperties(new Properties());
        request.setSystemProperties(new Properties());
        @SuppressWarnings("deprecation")
        MavenSession session = new MavenSession(
                null, new DefaultRepositorySystemSession(), request, new DefaultMavenExecutionResult());
        session.setProjects(projects);
        return session;
    }

    /** Resolves every service to {@code dependencies}, as Maven's resolver gives them (the types' properties kept). */
    private static ProjectDependenciesResolver resolver(List<Artifact> dependencies) {
        List<Dependency> resolved = new ArrayList<>();
        dependencies.forEach(artifact -> resolved.add(new Dependency(RepositoryUtils.toArtifact(artifact), "compile")));
        return request -> new DependencyResolutionResult() {
            @Override
            public DependencyNode getDependencyGraph() {
                return null;
            }

            @Override
            public List<Dependency> getDependencies() {
                return resolved;
            }

            @Override
            public List<Dependency> getResolvedDependencies() {
                return resolved;
            }

            @Override
            public List<Dependency> getUnresolvedDependencies() {
                return List.of();
            }

            @Override
            public List<Exception> getCollectionErrors() {
                return List.of();
            }

            @Override
            public List<Exception> getResolutionErrors(Dependency dependency) {
                return List.of();
            }
        };
    }

    private static List<String> names(List<DependencyFile> files) {
        return files.stream().map(f -> f.file().getFileName().toString()).toList();
    }
}
