package io.github.dockerlayer.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.assemble.QuarkusApp;
import io.github.dockerlayer.failure.UnsupportedProjectException;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.layer.DependencyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Quarkus project told from its pom, and its fast-jar's libraries as the base's dependencies. */
class QuarkusProjectTest {
    @TempDir
    Path temp;

    private static MavenProject project(String groupId, String goal) {
        Model model = new Model();
        model.setGroupId("demo");
        model.setArtifactId("app");
        model.setVersion("1.0.0");
        model.setBuild(new Build());
        if (groupId != null) {
            Plugin plugin = new Plugin();
            plugin.setGroupId(groupId);
            plugin.setArtifactId("quarkus-maven-plugin");
            PluginExecution execution = new PluginExecution();
            execution.addGoal(goal);
            plugin.addExecution(execution);
            model.getBuild().addPlugin(plugin);
        }
        return new MavenProject(model);
    }

    @Test
    void quarkusMavenPluginsBuildGoalMakesAQuarkusProject() {
        assertTrue(QuarkusProject.declares(project("io.quarkus", "build")));
        assertTrue(QuarkusProject.declares(project("io.quarkus.platform", "build")));
        assertFalse(QuarkusProject.declares(project("io.quarkus", "generate-code")), "no build goal");
        assertFalse(QuarkusProject.declares(project(null, null)));
    }

    private static Artifact artifact(String groupId, String artifactId, String version, Path file) {
        DefaultArtifact artifact = new DefaultArtifact(
                groupId, artifactId, version, "compile", "jar", null, new DefaultArtifactHandler("jar"));
        artifact.setFile(file.toFile());
        return artifact;
    }

    @Test
    void theLibrariesKeepQuarkusNamesAndGetTheirCoordinatesAndKind() throws IOException {
        Path build = temp.resolve("target");
        Path tree = build.resolve("quarkus-app");
        for (String file : List.of(
                "quarkus-run.jar",
                "lib/boot/org.jboss.logging.jboss-logging-3.6.2.Final.jar",
                "lib/main/io.quarkus.quarkus-core-3.33.2.jar",
                "lib/main/demo.lib-1.0.0.jar",
                "lib/main/com.example.snap-2.0-SNAPSHOT.jar",
                "lib/main/unknown.thing-1.jar")) {
            Files.createDirectories(tree.resolve(file).getParent());
            Files.writeString(tree.resolve(file), file);
        }
        MavenProject project = project("io.quarkus", "build");
        project.setArtifacts(Set.of(
                artifact("org.jboss.logging", "jboss-logging", "3.6.2.Final", temp),
                artifact("io.quarkus", "quarkus-core", "3.33.2", temp),
                artifact("demo", "lib", "1.0.0", temp),
                artifact("com.example", "snap", "2.0-SNAPSHOT", temp)));
        MavenProject library = project(null, null);
        library.setArtifactId("lib");
        QuarkusApp app = QuarkusApp.of(build, new QuarkusApp.PackageType("fast-jar", null));
        List<DependencyFile> dependencies = QuarkusProject.dependencies(app, project, List.of(project, library));
        assertEquals(
                List.of(
                        "org.jboss.logging:jboss-logging:RELEASE:/deployments/lib/boot/org.jboss.logging.jboss-logging-3.6.2.Final.jar",
                        "com.example:snap:SNAPSHOT:/deployments/lib/main/com.example.snap-2.0-SNAPSHOT.jar",
                        "demo:lib:PROJECT:/deployments/lib/main/demo.lib-1.0.0.jar",
                        "io.quarkus:quarkus-core:RELEASE:/deployments/lib/main/io.quarkus.quarkus-core-3.33.2.jar",
                        ":unknown.thing-1.jar:RELEASE:/deployments/lib/main/unknown.thing-1.jar"),
                dependencies.stream()
                        .map(d -> d.groupId() + ":" + d.artifactId() + ":" + d.kind() + ":" + d.imagePath())
                        .toList());
    }

    @Test
    void aSharedBaseFailsNamingTheFix() {
        UnsupportedProjectException e = assertThrows(
                UnsupportedProjectException.class,
                () -> QuarkusProject.ownBase(List.of(), ImageReference.parse("team/shared-base")));
        assertTrue(e.getMessage().contains("team/shared-base"), e.getMessage());
        assertTrue(e.getMessage().contains("leave <base> unset"), e.getMessage());
    }
}
