package io.github.dockerlayer.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goals made as Maven makes them, through their constructors, with a project and a build of the test's own. */
class MojosTest {
    @TempDir
    Path temp;

    private final List<String> lines = new ArrayList<>();

    @Test
    void theCommandLineSkipsTheBaseGoal() throws Exception {
        Properties user = new Properties();
        user.setProperty("docker-layer.skip", "true");
        BaseMojo base = new BaseMojo(project("jar"), session(user, false), null, new ImageDependencies(null));
        execute(base);
        assertEquals(List.of("info Skipping: docker-layer.skip is true."), lines);
    }

    @Test
    void theImageGoalSkipsAPomProject() throws Exception {
        ImageMojo image =
                new ImageMojo(project("pom"), session(new Properties(), false), null, new ImageDependencies(null));
        execute(image);
        assertEquals(List.of("info Skipping: app has packaging pom, so there is no code to put in an image."), lines);
    }

    @Test
    void pushFromOnTheCommandLineIsCheckedAndNamedAsInThePom() {
        Properties user = new Properties();
        user.setProperty("docker-layer.pushFrom", "bogus");
        PushMojo push = new PushMojo(project("jar"), session(user, false), null);
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> execute(push));
        assertTrue(
                e.getMessage()
                        .startsWith("Invalid <pushFrom> (property docker-layer.pushFrom): 'bogus' is not one of layout,"
                                + " daemon."),
                e.getMessage());
    }

    @Test
    void anOfflinePushFailsBeforeReadingItsParameters() {
        Properties user = new Properties();
        user.setProperty("docker-layer.pushFrom", "bogus");
        PushMojo push = new PushMojo(project("jar"), session(user, true), null);
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> execute(push));
        assertEquals(
                "docker-layer: Maven is offline (-o), and a push needs the registry: run it without -o.",
                e.getMessage());
    }

    private void execute(AbstractMojo mojo) throws MojoExecutionException, MojoFailureException {
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence line) {
                lines.add("info " + line);
            }

            @Override
            public void warn(CharSequence line) {
                lines.add("warn " + line);
            }
        });
        mojo.execute();
    }

    private MavenProject project(String packaging) {
        Model model = new Model();
        model.setGroupId("com.example");
        model.setArtifactId("app");
        model.setVersion("1");
        model.setPackaging(packaging);
        model.setBuild(new Build());
        model.getBuild().setDirectory(temp.resolve("target").toString());
        MavenProject project = new MavenProject(model);
        project.setFile(temp.resolve("pom.xml").toFile());
        return project;
    }

    private static MavenSession session(Properties user, boolean offline) {
        DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();
        request.setUserProperties(user);
        request.setSystemProperties(new Properties());
        request.setOffline(offline);
        @SuppressWarnings("deprecation")
        MavenSession session = new MavenSession(
                null, new DefaultRepositorySystemSession(), request, new DefaultMavenExecutionResult());
        return session;
    }
}
