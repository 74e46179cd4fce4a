package io.github.dockerlayer.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

class DockerLayerLifecycleParticipantTest {

    @Test
    void jarProjectWithTheExtensionAndNoExecutionsGetsBothExecutions() {
        Xpp3Dom configuration = configuration("from", "127.0.0.1:5000/base/jre:17");
        MavenProject app = project("app", "jar", plugin(true, configuration));

        assertEquals(List.of(app), DockerLayerLifecycleParticipant.bind(List.of(app)));

        List<PluginExecution> executions = declared(app).getExecutions();
        assertEquals(2, executions.size());
        PluginExecution images = executions.get(0);
        assertEquals("docker-layer-images", images.getId());
        assertEquals("package", images.getPhase());
        assertEquals(List.of("base", "image"), images.getGoals());
        PluginExecution push = executions.get(1);
        assertEquals("docker-layer-push", push.getId());
        assertEquals("deploy", push.getPhase());
        assertEquals(List.of("push"), push.getGoals());
        // Before deploy:deploy, which the jar packaging binds with priority -1: a failed push leaves the jar
        // unpublished.
        assertTrue(push.getPriority() < -1, "push priority " + push.getPriority());
        assertEquals(0, images.getPriority(), "base and image after jar:jar");
        // Each execution gets the plugin-level configuration, as a copy of its own.
        for (PluginExecution execution : executions) {
            Xpp3Dom copy = (Xpp3Dom) execution.getConfiguration();
            assertEquals(configuration, copy);
            assertNotSame(configuration, copy);
        }
    }

    @Test
    void withoutPluginConfigurationTheExecutionsHaveNone() {
        MavenProject app = project("app", "jar", plugin(true, null));
        DockerLayerLifecycleParticipant.bind(List.of(app));
        assertEquals(2, declared(app).getExecutions().size());
        declared(app).getExecutions().forEach(execution -> assertNull(execution.getConfiguration()));
    }

    @Test
    void anExecutionOfThePluginLeavesTheProjectAlone() {
        Plugin plugin = plugin(true, null);
        PluginExecution pushOnly = new PluginExecution();
        pushOnly.setId("push-it");
        pushOnly.addGoal("push");
        plugin.addExecution(pushOnly);
        MavenProject app = project("app", "jar", plugin);

        assertEquals(List.of(), DockerLayerLifecycleParticipant.bind(List.of(app)));
        assertEquals(List.of(pushOnly), declared(app).getExecutions());
    }

    @Test
    void pomAndWarProjectsAreLeftAlone() {
        MavenProject aggregator = project("root", "pom", plugin(true, null));
        MavenProject war = project("web", "war", plugin(true, null));

        assertEquals(List.of(), DockerLayerLifecycleParticipant.bind(List.of(aggregator, war)));
        assertTrue(declared(aggregator).getExecutions().isEmpty());
        assertTrue(declared(war).getExecutions().isEmpty());
    }

    @Test
    void withoutTheExtensionNothingIsBound() {
        MavenProject app = project("app", "jar", plugin(false, null));
        assertEquals(List.of(), DockerLayerLifecycleParticipant.bind(List.of(app)));
        assertTrue(declared(app).getExecutions().isEmpty());
    }

    @Test
    void projectsWithoutThePluginAreLeftAlone() {
        Plugin other = new Plugin();
        other.setGroupId("org.apache.maven.plugins");
        other.setArtifactId("maven-jar-plugin");
        other.setExtensions(true);
        MavenProject plain = project("plain", "jar", other);
        MavenProject bare = new MavenProject(new Model());
        bare.setPackaging("jar");

        assertEquals(List.of(), DockerLayerLifecycleParticipant.bind(List.of(plain, bare)));
        assertTrue(other.getExecutions().isEmpty());
    }

    @Test
    void inAReactorEachJarModuleIsBoundOnceAndASecondCallAddsNothing() {
        MavenProject root = project("root", "pom", plugin(true, null));
        MavenProject lib = project("lib", "jar", plugin(true, null));
        MavenProject app = project("app", "jar", plugin(true, null));
        List<MavenProject> reactor = List.of(root, lib, app);

        // The goals, not the participant, skip a library module: it cannot know yet which modules have a main class.
        assertEquals(List.of(lib, app), DockerLayerLifecycleParticipant.bind(reactor));
        assertEquals(List.of(), DockerLayerLifecycleParticipant.bind(reactor));
        assertEquals(2, declared(app).getExecutions().size());
        assertEquals(2, declared(lib).getExecutions().size());
    }

    @Test
    void aReactorDeployedModuleByModuleIsWarnedAbout() {
        List<MavenProject> reactor = List.of(
                project("root", "pom", plugin(true, null)),
                project("lib", "jar", plugin(true, null)),
                project("app", "jar", plugin(true, null)));
        String warning = DockerLayerLifecycleParticipant.deployOrderWarning(
                reactor, List.of("deploy"), new Properties(), new Properties());
        assertTrue(
                warning != null
                        && warning.contains("without <deployAtEnd>true</deployAtEnd> in root, lib, app")
                        && warning.contains("Set <deployAtEnd>true</deployAtEnd>"),
                warning);

        Properties atEnd = new Properties();
        atEnd.setProperty("deployAtEnd", "true");
        assertNull(DockerLayerLifecycleParticipant.deployOrderWarning(
                reactor, List.of("deploy"), atEnd, new Properties()));
        assertNull(DockerLayerLifecycleParticipant.deployOrderWarning(
                reactor, List.of("install"), new Properties(), new Properties()));
        assertNull(DockerLayerLifecycleParticipant.deployOrderWarning(
                reactor.subList(2, 3), List.of("deploy"), new Properties(), new Properties()));
        Properties notAtEnd = new Properties();
        notAtEnd.setProperty("deployAtEnd", "false");
        assertTrue(DockerLayerLifecycleParticipant.deployOrderWarning(reactor, List.of("deploy"), notAtEnd, atEnd)
                .contains("(-DdeployAtEnd=false)"));
    }

    @Test
    void deployAtEndInEveryModulesDeployPluginSilencesTheWarning() {
        List<MavenProject> reactor =
                List.of(project("root", "pom", plugin(true, null)), project("app", "jar", plugin(true, null)));
        // In the plugin's configuration of one module, in the default execution's of the other.
        Plugin deploy = deployPlugin(reactor.get(0));
        deploy.setConfiguration(configuration("deployAtEnd", "true"));
        PluginExecution defaultDeploy = new PluginExecution();
        defaultDeploy.setId("default-deploy");
        defaultDeploy.setConfiguration(configuration("deployAtEnd", " true "));
        deployPlugin(reactor.get(1)).addExecution(defaultDeploy);

        assertTrue(DockerLayerLifecycleParticipant.deploysAtEnd(reactor.get(0)));
        assertTrue(DockerLayerLifecycleParticipant.deploysAtEnd(reactor.get(1)));
        assertNull(DockerLayerLifecycleParticipant.deployOrderWarning(
                reactor, List.of("clean", "deploy"), new Properties(), new Properties()));

        deploy.setConfiguration(configuration("deployAtEnd", "false"));
        assertTrue(DockerLayerLifecycleParticipant.deployOrderWarning(
                        reactor, List.of("deploy"), new Properties(), new Properties())
                .contains(" in root)"));
    }

    private static Plugin deployPlugin(MavenProject project) {
        Plugin deploy = new Plugin();
        deploy.setGroupId("org.apache.maven.plugins");
        deploy.setArtifactId("maven-deploy-plugin");
        project.getBuild().addPlugin(deploy);
        return deploy;
    }

    @Test
    void unboundNamesTheDeclarationToExtend() {
        Plugin plugin = plugin(true, null);
        MavenProject app = project("app", "jar", plugin);
        assertSame(plugin, DockerLayerLifecycleParticipant.unbound(app));
    }

    private static Plugin plugin(boolean extensions, Xpp3Dom configuration) {
        Plugin plugin = new Plugin();
        plugin.setGroupId("io.github.dockerlayer");
        plugin.setArtifactId("docker-layer-maven-plugin");
        plugin.setVersion("0.1.0-SNAPSHOT");
        plugin.setExtensions(extensions);
        plugin.setConfiguration(configuration);
        return plugin;
    }

    private static Xpp3Dom configuration(String name, String value) {
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        Xpp3Dom child = new Xpp3Dom(name);
        child.setValue(value);
        configuration.addChild(child);
        return configuration;
    }

    private static MavenProject project(String artifactId, String packaging, Plugin plugin) {
        Model model = new Model();
        model.setGroupId("demo");
        model.setArtifactId(artifactId);
        model.setVersion("1.0.0");
        model.setPackaging(packaging);
        model.setBuild(new Build());
        model.getBuild().addPlugin(plugin);
        return new MavenProject(model);
    }

    private static Plugin declared(MavenProject project) {
        return project.getBuildPlugins().stream()
                .filter(p -> p.getArtifactId().equals("docker-layer-maven-plugin"))
                .findFirst()
                .orElseThrow();
    }
}
