package io.github.dockerlayer.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

class ReproducibleJarTest {
    private static MavenProject module(String outputTimestamp, String jarPluginVersion) {
        Model model = new Model();
        model.setBuild(new Build());
        if (outputTimestamp != null) {
            model.getProperties().setProperty("project.build.outputTimestamp", outputTimestamp);
        }
        if (jarPluginVersion != null) {
            Plugin jar = new Plugin();
            jar.setGroupId("org.apache.maven.plugins");
            jar.setArtifactId("maven-jar-plugin");
            jar.setVersion(jarPluginVersion);
            model.getBuild().addPlugin(jar);
        }
        return new MavenProject(model);
    }

    @Test
    void aTimestampAndARecentJarPluginAreReproducible() {
        assertNull(ReproducibleJar.problem(module("2024-01-01T00:00:00Z", "3.4.2")));
        assertNull(ReproducibleJar.problem(module("1704067200", "3.2.0")));
        assertNull(ReproducibleJar.problem(module("2024-01-01T00:00:00Z", null)));
    }

    @Test
    void aTimestampConfiguredOnTheJarPluginCounts() {
        MavenProject module = module(null, "3.4.2");
        org.codehaus.plexus.util.xml.Xpp3Dom configuration = new org.codehaus.plexus.util.xml.Xpp3Dom("configuration");
        org.codehaus.plexus.util.xml.Xpp3Dom timestamp = new org.codehaus.plexus.util.xml.Xpp3Dom("outputTimestamp");
        timestamp.setValue("2024-01-01T00:00:00Z");
        configuration.addChild(timestamp);
        module.getPlugin("org.apache.maven.plugins:maven-jar-plugin").setConfiguration(configuration);
        assertNull(ReproducibleJar.problem(module));
    }

    @Test
    void noTimestampIsNamed() {
        assertEquals("it sets no project.build.outputTimestamp", ReproducibleJar.problem(module(null, "3.4.2")));
        assertEquals("it sets no project.build.outputTimestamp", ReproducibleJar.problem(module("a", "3.4.2")));
    }

    @Test
    void anOldJarPluginIsNamed() {
        assertEquals(
                "its maven-jar-plugin 2.4 predates reproducible jars (3.2.0)",
                ReproducibleJar.problem(module("2024-01-01T00:00:00Z", "2.4")));
        assertTrue(ReproducibleJar.olderThanFirstReproducible("3.1.2"));
        assertFalse(ReproducibleJar.olderThanFirstReproducible("3.2.0-SNAPSHOT"));
        assertFalse(ReproducibleJar.olderThanFirstReproducible("3.10"));
        assertFalse(ReproducibleJar.olderThanFirstReproducible("4.0.0-beta-1"));
        assertFalse(ReproducibleJar.olderThanFirstReproducible("weird"));
    }
}
