package io.github.dockerlayer.maven;

import io.github.dockerlayer.assemble.QuarkusApp;
import io.github.dockerlayer.failure.UnsupportedProjectException;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.layer.DependencyFile;
import io.github.dockerlayer.layer.QuarkusLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * A Quarkus project, told from the project itself: it declares quarkus-maven-plugin
 * ({@code io.quarkus:quarkus-maven-plugin} or {@code io.quarkus.platform:quarkus-maven-plugin}) with its {@code build}
 * goal. Its image is made of the fast-jar that goal packages in {@code target/quarkus-app}, not of the classes and the
 * Maven classpath: the base holds what Quarkus put in {@code lib/}, named as Quarkus named it.
 */
final class QuarkusProject {
    static final List<String> PLUGIN_KEYS =
            List.of("io.quarkus:quarkus-maven-plugin", "io.quarkus.platform:quarkus-maven-plugin");

    private QuarkusProject() {}

    /** Whether quarkus-maven-plugin's {@code build} goal packages this project. */
    static boolean declares(MavenProject project) {
        for (String key : PLUGIN_KEYS) {
            Plugin plugin = project.getPlugin(key);
            if (plugin != null) {
                for (PluginExecution execution : plugin.getExecutions()) {
                    if (execution.getGoals().contains("build")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The project's checked fast-jar, or null when it is not a Quarkus project. Fails when Quarkus builds another
     * packaging (uber-jar, legacy-jar, mutable-jar, native) or has not packaged yet.
     */
    static QuarkusApp of(MavenProject project, MavenSession session) throws IOException {
        if (!declares(project)) {
            return null;
        }
        Map<String, String> system = new HashMap<>(strings(session.getSystemProperties()));
        system.putAll(strings(session.getUserProperties()));
        return QuarkusApp.of(
                Path.of(project.getBuild().getDirectory()),
                QuarkusApp.packageType(
                        system, System.getenv(), strings(project.getProperties()), applicationProperties(project)));
    }

    /** The first {@code application.properties} of the project's resource directories (default src/main/resources). */
    private static Path applicationProperties(MavenProject project) {
        for (Resource resource : project.getBuild().getResources()) {
            Path directory = Path.of(resource.getDirectory());
            Path file = (directory.isAbsolute()
                            ? directory
                            : project.getBasedir().toPath().resolve(directory))
                    .resolve("application.properties");
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return project.getBasedir().toPath().resolve("src/main/resources/application.properties");
    }

    /**
     * The base's dependencies: every file of the fast-jar's {@code lib/}, at the path the runner expects it, with its
     * coordinates when one of the project's artifacts is that file (Quarkus names it
     * {@code groupId.artifactId-version[-classifier].jar}); a reactor module's goes into project-dependencies, a
     * snapshot's into snapshot-dependencies.
     */
    static List<DependencyFile> dependencies(QuarkusApp app, MavenProject project, Collection<MavenProject> reactor)
            throws IOException {
        Map<String, Artifact> byName = new HashMap<>();
        for (Artifact artifact : project.getArtifacts()) {
            for (String version : List.of(artifact.getVersion(), artifact.getBaseVersion())) {
                byName.put(
                        fileName(
                                artifact.getGroupId(),
                                artifact.getArtifactId(),
                                version,
                                artifact.getClassifier(),
                                artifact.getArtifactHandler().getExtension()),
                        artifact);
            }
        }
        Map<String, MavenProject> modules = new HashMap<>();
        for (MavenProject module : reactor) {
            modules.put(module.getGroupId() + ":" + module.getArtifactId() + ":" + module.getVersion(), module);
        }
        List<DependencyFile> result = new ArrayList<>();
        for (Path file : app.libraries()) {
            String name = file.getFileName().toString();
            Artifact artifact = byName.get(name);
            DependencyFile.Kind kind;
            if (artifact != null
                    && modules.containsKey(
                            artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getBaseVersion())) {
                kind = DependencyFile.Kind.PROJECT;
            } else if (artifact != null ? artifact.isSnapshot() : name.contains("-SNAPSHOT")) {
                kind = DependencyFile.Kind.SNAPSHOT;
            } else {
                kind = DependencyFile.Kind.RELEASE;
            }
            result.add(
                    artifact == null
                            ? QuarkusLayout.library(app.directory(), file, "", name, "", null, kind)
                            : QuarkusLayout.library(
                                    app.directory(),
                                    file,
                                    artifact.getGroupId(),
                                    artifact.getArtifactId(),
                                    artifact.getBaseVersion(),
                                    artifact.getClassifier(),
                                    kind));
        }
        return result;
    }

    /** How Quarkus names a library in {@code lib/}. */
    static String fileName(String groupId, String artifactId, String version, String classifier, String extension) {
        return groupId + "." + artifactId + "-" + version
                + (classifier == null || classifier.isEmpty() ? "" : "-" + classifier) + "." + extension;
    }

    /**
     * The module's own base: a base shared with other services (their union of Maven dependencies under
     * {@code /app/libs}) is not what a fast-jar runs on, so a shared {@code base} fails, naming the fix.
     */
    static List<DependencyFile> ownBase(List<DependencyFile> shared, ImageReference base) {
        if (shared != null) {
            throw new UnsupportedProjectException(
                    "<base> " + base.name() + " is shared with other services of this build,"
                            + " but a Quarkus fast-jar's libraries go where its runner expects them (/deployments/lib/...), from"
                            + " its own target/quarkus-app, so it cannot stand on a shared base yet. Fix: give this Quarkus"
                            + " service a base of its own (leave <base> unset for it, default <image>-base).");
        }
        return null;
    }

    /** A Quarkus fast-jar is laid out as it is: {@code containerizingMode} packaged does not apply (said once). */
    static java.nio.file.Path noPackagedJar(Path packagedJar, Log log) {
        if (packagedJar != null) {
            log.warn("<containerizingMode>packaged</containerizingMode> does not apply to a Quarkus fast-jar: its app/"
                    + " directory already holds the project's jar, laid out as Quarkus packaged it.");
        }
        return null;
    }

    private static Map<String, String> strings(Properties properties) {
        Map<String, String> map = new HashMap<>();
        if (properties != null) {
            properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        }
        return map;
    }
}
