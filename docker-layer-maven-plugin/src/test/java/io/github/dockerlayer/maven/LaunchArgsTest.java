package io.github.dockerlayer.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.failure.InvalidParameterException;
import java.io.StringReader;
import java.util.List;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

class LaunchArgsTest {
    private static final String LAUNCHER = "io.vertx.core.Launcher";
    private static final String VERTX5 = "io.vertx.launcher.application.VertxApplication";

    /** A project with plugins given as {@code groupId:artifactId} and their configuration XML. */
    private static MavenProject project(String... pluginsAndConfigurations) throws Exception {
        Model model = new Model();
        model.setBuild(new Build());
        for (int i = 0; i < pluginsAndConfigurations.length; i += 2) {
            String[] key = pluginsAndConfigurations[i].split(":");
            Plugin plugin = new Plugin();
            plugin.setGroupId(key[0]);
            plugin.setArtifactId(key[1]);
            plugin.setConfiguration(Xpp3DomBuilder.build(new StringReader(pluginsAndConfigurations[i + 1])));
            model.getBuild().addPlugin(plugin);
        }
        return new MavenProject(model);
    }

    private static String exec(String mainClass, String rest) {
        return "<configuration><mainClass>" + mainClass + "</mainClass>" + rest + "</configuration>";
    }

    private static final String EXEC = "org.codehaus.mojo:exec-maven-plugin";
    private static final String SHADE = "org.apache.maven.plugins:maven-shade-plugin";

    private static LaunchArgs of(MavenProject project, String mainClass, List<String> userArgs) {
        return LaunchArgs.of(project, mainClass, userArgs);
    }

    @Test
    void execsArgumentsComeWithItsMainClass() throws Exception {
        MavenProject project = project(
                EXEC,
                exec(
                        LAUNCHER,
                        "<arguments><argument>run</argument><argument>demo.MainVerticle</argument></arguments>"));
        LaunchArgs args = of(project, LAUNCHER, List.of());
        assertEquals(List.of("run", "demo.MainVerticle"), args.args());
        assertEquals("exec-maven-plugin's <arguments>", args.origin());
    }

    @Test
    void execsCommandlineArgsAreSplitAsAShellWould() throws Exception {
        MavenProject project =
                project(EXEC, exec("demo.Main", "<commandlineArgs>server 'my config.yml' \"a b\"</commandlineArgs>"));
        LaunchArgs args = of(project, "demo.Main", List.of());
        assertEquals(List.of("server", "my config.yml", "a b"), args.args());
        assertEquals("exec-maven-plugin's <commandlineArgs>", args.origin());
    }

    @Test
    void execsArgumentsStayWhenItRunsAnotherClass() throws Exception {
        MavenProject project = project(EXEC, exec("demo.Tool", "<arguments><argument>x</argument></arguments>"));
        assertEquals(List.of(), of(project, "demo.Main", List.of()).args());
    }

    @Test
    void theUsersArgsWin() throws Exception {
        MavenProject project = project(
                EXEC, exec(LAUNCHER, "<arguments><argument>run</argument><argument>a.B</argument></arguments>"));
        LaunchArgs args = of(project, LAUNCHER, List.of("run", "c.D"));
        assertEquals(List.of("run", "c.D"), args.args());
        assertTrue(args.origin().startsWith("<args>"), args.origin());
    }

    @Test
    void vertx4LauncherGetsRunAndShadesMainVerticle() throws Exception {
        MavenProject project = project(
                SHADE,
                "<configuration><transformers><transformer><manifestEntries>"
                        + "<Main-Class>io.vertx.core.Launcher</Main-Class><Main-Verticle>demo.MainVerticle</Main-Verticle>"
                        + "</manifestEntries></transformer></transformers></configuration>",
                EXEC,
                exec(LAUNCHER, ""));
        LaunchArgs args = of(project, LAUNCHER, List.of());
        assertEquals(List.of("run", "demo.MainVerticle"), args.args());
        assertTrue(args.origin().contains("Main-Verticle"), args.origin());
    }

    @Test
    void vertx4LauncherGetsTheMainVerticleProperty() throws Exception {
        MavenProject project = project();
        project.getProperties().setProperty("main.verticle", "demo.PropVerticle");
        assertEquals(
                List.of("run", "demo.PropVerticle"),
                of(project, LAUNCHER, List.of()).args());
        MavenProject other = project();
        other.getProperties().setProperty("vertx.verticle", "demo.Other");
        assertEquals(
                List.of("run", "demo.Other"), of(other, LAUNCHER, List.of()).args());
    }

    @Test
    void vertx5ApplicationGetsTheVerticleAlone() throws Exception {
        MavenProject project = project();
        project.getProperties().setProperty("main.verticle", "demo.MainVerticle");
        assertEquals(
                List.of("demo.MainVerticle"), of(project, VERTX5, List.of()).args());
    }

    @Test
    void aLauncherWithoutVerticleFailsNamingArgs() throws Exception {
        InvalidParameterException e =
                assertThrows(InvalidParameterException.class, () -> of(project(), LAUNCHER, List.of()));
        assertEquals("args", e.parameter());
        assertTrue(
                e.getMessage().contains(LAUNCHER)
                        && e.getMessage().contains("Main-Verticle")
                        && e.getMessage().contains("main.verticle")
                        && e.getMessage().contains("<args>"),
                e.getMessage());
        assertThrows(InvalidParameterException.class, () -> of(project(), VERTX5, List.of()));
    }

    @Test
    void anOrdinaryMainClassGetsNoArgs() throws Exception {
        LaunchArgs args = of(project(), "demo.Main", List.of());
        assertEquals(List.of(), args.args());
    }
}
