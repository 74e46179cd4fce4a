package io.github.dockerlayer.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PomMainClassTest {
    @TempDir
    Path temp;

    /** A module whose jar manifest names {@code mainClass}, with one own class and one dependency jar. */
    private MavenProject module(String mainClass) throws IOException {
        Path classes = temp.resolve("classes");
        Files.createDirectories(classes.resolve("demo/app"));
        Files.write(classes.resolve("demo/app/App.class"), new byte[] {1});
        Path jar = temp.resolve("lib.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("demo/lib/Launcher.class"));
            zip.write(1);
            zip.closeEntry();
        }
        Model model = new Model();
        model.setBuild(new Build());
        model.getBuild().setOutputDirectory(classes.toString());
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        Xpp3Dom archive = new Xpp3Dom("archive");
        Xpp3Dom manifest = new Xpp3Dom("manifest");
        Xpp3Dom main = new Xpp3Dom("mainClass");
        main.setValue(mainClass);
        manifest.addChild(main);
        archive.addChild(manifest);
        configuration.addChild(archive);
        Plugin plugin = new Plugin();
        plugin.setGroupId("org.apache.maven.plugins");
        plugin.setArtifactId("maven-jar-plugin");
        plugin.setConfiguration(configuration);
        model.getBuild().addPlugin(plugin);
        MavenProject project = new MavenProject(model);
        Artifact lib = new DefaultArtifact(
                "demo", "lib", "1.0", Artifact.SCOPE_COMPILE, "jar", null, new DefaultArtifactHandler("jar"));
        lib.setFile(jar.toFile());
        project.setArtifacts(Set.of(lib));
        return project;
    }

    @Test
    void aClassOfTheModuleIsTaken() throws IOException {
        assertEquals(
                new PomMainClass.Result("demo.app.App", null, null),
                PomMainClass.find(module("demo.app.App"), new SystemStreamLog()));
    }

    @Test
    void aClassOfADependencyIsTakenToo() throws IOException {
        assertEquals(
                new PomMainClass.Result("demo.lib.Launcher", null, null),
                PomMainClass.find(module("demo.lib.Launcher"), new SystemStreamLog()));
    }

    @Test
    void aClassNowhereOnTheClasspathIsReportedNotTaken() throws IOException {
        PomMainClass.Result result = PomMainClass.find(module("demo.other.Main"), new SystemStreamLog());
        assertNull(result.name());
        assertEquals("demo.other.Main", result.unusable());
        assertEquals(
                "maven-jar-plugin's <archive><manifest><mainClass>", result.unusableOrigin(), "where the pom names it");
    }

    @Test
    void shadesManifestTransformerInAnExecutionCounts() throws IOException {
        MavenProject project = module("${start-class}"); // the jar plugin names nothing usable
        Xpp3Dom transformers = new Xpp3Dom("transformers");
        Xpp3Dom services = new Xpp3Dom("transformer"); // a first transformer without a mainClass
        services.setAttribute("implementation", "org.apache.maven.plugins.shade.resource.ServicesResourceTransformer");
        transformers.addChild(services);
        Xpp3Dom manifest = new Xpp3Dom("transformer");
        manifest.setAttribute("implementation", "org.apache.maven.plugins.shade.resource.ManifestResourceTransformer");
        Xpp3Dom main = new Xpp3Dom("mainClass");
        main.setValue("demo.app.App");
        manifest.addChild(main);
        transformers.addChild(manifest);
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        configuration.addChild(transformers);
        org.apache.maven.model.PluginExecution execution = new org.apache.maven.model.PluginExecution();
        execution.setId("shade-it");
        execution.setConfiguration(configuration);
        Plugin shade = new Plugin();
        shade.setGroupId("org.apache.maven.plugins");
        shade.setArtifactId("maven-shade-plugin");
        shade.addExecution(execution);
        project.getModel().getBuild().addPlugin(shade);
        assertEquals(
                new PomMainClass.Result("demo.app.App", null, null), PomMainClass.find(project, new SystemStreamLog()));
    }

    @Test
    void anUnresolvedExpressionNamesNothing() throws IOException {
        assertEquals(
                new PomMainClass.Result(null, null, null),
                PomMainClass.find(module("${start-class}"), new SystemStreamLog()));
    }

    @Test
    void shadesManifestEntriesMainClassCounts() throws IOException {
        MavenProject project = module("${start-class}");
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        Xpp3Dom transformers = new Xpp3Dom("transformers");
        Xpp3Dom transformer = new Xpp3Dom("transformer");
        Xpp3Dom entries = new Xpp3Dom("manifestEntries");
        Xpp3Dom main = new Xpp3Dom("Main-Class");
        main.setValue("demo.lib.Launcher");
        entries.addChild(main);
        transformer.addChild(entries);
        transformers.addChild(transformer);
        configuration.addChild(transformers);
        Plugin shade = new Plugin();
        shade.setGroupId("org.apache.maven.plugins");
        shade.setArtifactId("maven-shade-plugin");
        shade.setConfiguration(configuration);
        project.getModel().getBuild().addPlugin(shade);
        assertEquals(
                new PomMainClass.Result("demo.lib.Launcher", null, null),
                PomMainClass.find(project, new SystemStreamLog()));
    }
}
