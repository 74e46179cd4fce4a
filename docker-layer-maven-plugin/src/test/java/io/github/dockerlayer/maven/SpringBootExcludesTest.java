package io.github.dockerlayer.maven;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

class SpringBootExcludesTest {
    private static Artifact artifact(String groupId, String artifactId, String classifier) {
        return new DefaultArtifact(
                groupId, artifactId, "1.0", "runtime", "jar", classifier, new DefaultArtifactHandler("jar"));
    }

    private static MavenProject project(String pluginConfiguration, String executionConfiguration) throws Exception {
        Model model = new Model();
        model.setBuild(new Build());
        Plugin plugin = new Plugin();
        plugin.setGroupId("org.springframework.boot");
        plugin.setArtifactId("spring-boot-maven-plugin");
        if (pluginConfiguration != null) {
            plugin.setConfiguration(Xpp3DomBuilder.build(new StringReader(pluginConfiguration)));
        }
        if (executionConfiguration != null) {
            PluginExecution execution = new PluginExecution();
            execution.setId("repackage");
            execution.setConfiguration(Xpp3DomBuilder.build(new StringReader(executionConfiguration)));
            plugin.addExecution(execution);
        }
        model.getBuild().addPlugin(plugin);
        return new MavenProject(model);
    }

    @Test
    void devtoolsAndDockerComposeStayOutUnlessKept() throws Exception {
        MavenProject plain = new MavenProject(new Model());
        SpringBootExcludes defaults = SpringBootExcludes.of(plain, true, true);
        assertTrue(defaults.reason(artifact("org.springframework.boot", "spring-boot-devtools", null))
                .contains("excludeDevtools"));
        assertTrue(defaults.reason(artifact("org.springframework.boot", "spring-boot-docker-compose", null))
                .contains("excludeDockerCompose"));
        assertNull(defaults.reason(artifact("org.springframework.boot", "spring-boot", null)));
        assertNull(defaults.reason(artifact("com.example", "spring-boot-devtools", null)), "only Boot's own module");
        SpringBootExcludes kept = SpringBootExcludes.of(plain, false, false);
        assertNull(kept.reason(artifact("org.springframework.boot", "spring-boot-devtools", null)));
        assertNull(kept.reason(artifact("org.springframework.boot", "spring-boot-docker-compose", null)));
    }

    @Test
    void theBootPluginsExcludesAndExcludeGroupIdsCountAtPluginLevelAndInExecutions() throws Exception {
        MavenProject project = project(
                "<configuration><excludes><exclude><groupId>org.projectlombok</groupId><artifactId>lombok</artifactId></exclude>"
                        + "<exclude><groupId>com.example</groupId><artifactId>natives</artifactId><classifier>linux</classifier></exclude>"
                        + "</excludes></configuration>",
                "<configuration><excludeGroupIds>com.google.code.gson, org.example.tools</excludeGroupIds></configuration>");
        SpringBootExcludes excludes = SpringBootExcludes.of(project, true, true);
        assertTrue(
                excludes.reason(artifact("org.projectlombok", "lombok", null)).contains("<excludes>"));
        assertTrue(
                excludes.reason(artifact("org.projectlombok", "lombok", "sources"))
                        .contains("<excludes>"),
                "no classifier: every one");
        assertTrue(excludes.reason(artifact("com.example", "natives", "linux")).contains("<excludes>"));
        assertNull(excludes.reason(artifact("com.example", "natives", "windows")), "a classifier names that one only");
        assertNull(excludes.reason(artifact("com.example", "natives", null)));
        assertTrue(
                excludes.reason(artifact("com.google.code.gson", "gson", null)).contains("<excludeGroupIds>"));
        assertTrue(excludes.reason(artifact("org.example.tools", "x", null)).contains("<excludeGroupIds>"));
        assertNull(excludes.reason(artifact("com.google.guava", "guava", null)));
    }
}
