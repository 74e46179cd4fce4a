package io.github.dockerlayer.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencyRuleTest {
    @TempDir
    Path temp;

    private Path jar(String name, String jarType) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (jarType != null) {
            manifest.getMainAttributes().putValue("Spring-Boot-Jar-Type", jarType);
        }
        Path file = temp.resolve(name + ".jar");
        try (OutputStream out = Files.newOutputStream(file);
                JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return file;
    }

    private static MavenProject project(String bootVersion, String bootConfiguration) throws Exception {
        Model model = new Model();
        model.setBuild(new Build());
        if (bootVersion != null) {
            Plugin plugin = new Plugin();
            plugin.setGroupId("org.springframework.boot");
            plugin.setArtifactId("spring-boot-maven-plugin");
            plugin.setVersion(bootVersion);
            if (bootConfiguration != null) {
                plugin.setConfiguration(Xpp3DomBuilder.build(new StringReader(bootConfiguration)));
            }
            model.getBuild().addPlugin(plugin);
        }
        return new MavenProject(model);
    }

    private static DependencyRule rule(MavenProject project) {
        return DependencyRule.of(project, true, true);
    }

    @Test
    void aPlainProjectTakesItsRuntimeClasspath() throws Exception {
        DependencyRule rule = rule(project(null, null));
        Path lib = jar("lib", null);
        assertTrue(rule.decide("g", "lib", null, "compile", false, lib).in());
        assertTrue(
                rule.decide("g", "lib", null, "runtime", true, lib).in(),
                "a direct optional dependency is on Maven's classpath");
        assertTrue(rule.decide("g", "lib", null, "system", false, lib).in());
        DependencyRule.Decision provided = rule.decide("g", "lib", null, "provided", false, lib);
        assertFalse(provided.in());
        assertNull(provided.why(), "not a runtime dependency: no log line");
        assertFalse(rule.decide("g", "lib", null, "test", false, lib).in());
        assertTrue(
                rule.decide(
                                "org.springframework.boot",
                                "spring-boot-starter",
                                null,
                                "compile",
                                false,
                                jar("starter", "dependencies-starter"))
                        .in(),
                "Boot's rules are for Boot projects");
    }

    @Test
    void aBootProjectTakesWhatTheRepackagerPutsInBootInfLib() throws Exception {
        DependencyRule rule = rule(project("3.5.7", null));
        Path lib = jar("lib", null);
        assertTrue(rule.decide("g", "lib", null, "provided", false, lib).in(), "provided goes in, as in BOOT-INF/lib");
        assertTrue(rule.decide("g", "lib", null, "compile", false, lib).in());
        assertFalse(rule.decide("g", "lib", null, "test", false, lib).in());
        DependencyRule.Decision starter = rule.decide(
                "org.springframework.boot",
                "spring-boot-starter-web",
                null,
                "compile",
                false,
                jar("starter", "dependencies-starter"));
        assertFalse(starter.in());
        assertTrue(starter.why().contains("dependencies-starter"), starter.why());
        assertFalse(rule.decide(
                        "org.springframework.boot",
                        "spring-boot-configuration-processor",
                        null,
                        "compile",
                        false,
                        jar("processor", "annotation-processor"))
                .in());
        DependencyRule.Decision system = rule.decide("g", "lib", null, "system", false, lib);
        assertFalse(system.in());
        assertTrue(system.why().contains("includeSystemScope"), system.why());
        assertTrue(rule.decide("g", "lib", null, "compile", true, lib).in(), "Boot 3.x packs optional dependencies");
        DependencyRule.Decision devtools =
                rule.decide("org.springframework.boot", "spring-boot-devtools", null, "runtime", true, lib);
        assertFalse(devtools.in());
        assertTrue(devtools.why().contains("excludeDevtools"));
    }

    @Test
    void bootFourLeavesOptionalOutUnlessIncluded() throws Exception {
        Path lib = jar("lib", null);
        DependencyRule.Decision optional = rule(project("4.0.7", null)).decide("g", "lib", null, "compile", true, lib);
        assertFalse(optional.in());
        assertTrue(optional.why().contains("includeOptional"), optional.why());
        assertTrue(rule(project("4.0.7", "<configuration><includeOptional>true</includeOptional></configuration>"))
                .decide("g", "lib", null, "compile", true, lib)
                .in());
        assertFalse(rule(project("3.5.7", "<configuration><includeOptional>false</includeOptional></configuration>"))
                .decide("g", "lib", null, "compile", true, lib)
                .in());
        assertTrue(
                rule(project("3.5.7", "<configuration><includeSystemScope>true</includeSystemScope></configuration>"))
                        .decide("g", "lib", null, "system", false, lib)
                        .in());
    }

    @Test
    void theBootPluginsExcludesStillHold() throws Exception {
        DependencyRule rule = rule(project(
                "3.5.7", "<configuration><excludeGroupIds>com.google.code.gson</excludeGroupIds></configuration>"));
        DependencyRule.Decision gson =
                rule.decide("com.google.code.gson", "gson", null, "compile", false, jar("gson", null));
        assertFalse(gson.in());
        assertEquals("excluded in spring-boot-maven-plugin's <excludeGroupIds>", gson.why());
    }
}
