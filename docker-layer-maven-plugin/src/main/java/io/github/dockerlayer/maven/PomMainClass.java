package io.github.dockerlayer.maven;

import io.github.dockerlayer.assemble.Parameters;
import io.github.dockerlayer.failure.InvalidParameterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * The main class a pom already names for its jar, so that {@code <mainClass>} need not repeat it: maven-jar-plugin's
 * {@code <archive><manifest><mainClass>} (or its {@code <manifestEntries><Main-Class>}), else spring-boot-maven-plugin's
 * {@code <mainClass>}, else maven-shade-plugin's ManifestResourceTransformer {@code <mainClass>} (or its
 * {@code <manifestEntries><Main-Class>}, as the Vert.x starter writes it), else exec-maven-plugin's {@code <mainClass>},
 * else the {@code start-class} property.
 */
final class PomMainClass {
    /**
     * What {@link #find} learnt.
     *
     * @param name the class to run, when the pom names one on the module's runtime classpath, else null
     * @param unusable a class the pom names that is not on that classpath, or null
     * @param unusableOrigin where the pom names {@code unusable} (e.g. "maven-jar-plugin's <archive><manifest><mainClass>"),
     *     or null
     */
    record Result(String name, String unusable, String unusableOrigin) {}

    private record Place(String plugin, List<String> executions, List<String> path) {}

    private static final List<Place> PLACES = List.of(
            new Place(
                    "org.apache.maven.plugins:maven-jar-plugin",
                    List.of("default-jar"),
                    List.of("archive", "manifest", "mainClass")),
            new Place(
                    "org.apache.maven.plugins:maven-jar-plugin",
                    List.of("default-jar"),
                    List.of("archive", "manifestEntries", "Main-Class")),
            new Place("org.springframework.boot:spring-boot-maven-plugin", List.of("repackage"), List.of("mainClass")),
            new Place(
                    "org.apache.maven.plugins:maven-shade-plugin",
                    List.of(),
                    List.of("transformers", "transformer", "mainClass")),
            new Place(
                    "org.apache.maven.plugins:maven-shade-plugin",
                    List.of(),
                    List.of("transformers", "transformer", "manifestEntries", "Main-Class")),
            new Place("org.codehaus.mojo:exec-maven-plugin", List.of(), List.of("mainClass")));

    private PomMainClass() {}

    /**
     * The class the pom names. It counts only when it is on the module's runtime classpath (its own classes or a
     * dependency's): a setting a library module inherits from its parent names the app module's class, which the
     * library cannot run.
     */
    static Result find(MavenProject project, Log log) throws IOException {
        String unusable = null;
        String unusableOrigin = null;
        for (Place place : PLACES) {
            String value =
                    PluginConfiguration.value(project.getPlugin(place.plugin()), place.executions(), place.path());
            String origin = place.plugin().substring(place.plugin().indexOf(':') + 1) + "'s <"
                    + String.join("><", place.path()) + ">";
            String name = accept(project, value, origin, log);
            if (name != null) {
                return new Result(name, null, null);
            }
            if (unusable == null && value != null && !value.isBlank() && !value.contains("${")) {
                unusable = value.trim();
                unusableOrigin = origin;
            }
        }
        String startClass = project.getProperties().getProperty("start-class");
        String name = accept(project, startClass, "the start-class property", log);
        if (name == null
                && unusable == null
                && startClass != null
                && !startClass.isBlank()
                && !startClass.contains("${")) {
            unusable = startClass.trim();
            unusableOrigin = "the start-class property";
        }
        return name != null ? new Result(name, null, null) : new Result(null, unusable, unusableOrigin);
    }

    private static String accept(MavenProject project, String value, String origin, Log log) throws IOException {
        if (value == null || value.isBlank() || value.contains("${")) {
            return null; // e.g. spring-boot-starter-parent's ${start-class} when the property is not set
        }
        String name;
        try {
            name = Parameters.mainClass(value);
        } catch (InvalidParameterException e) {
            log.warn("Ignoring the main class '" + value + "' of " + origin + ": it is not a Java class name.");
            return null;
        }
        if (!onClasspath(project, name.replace('.', '/') + ".class")) {
            log.debug("Not using the main class " + name + " of " + origin + ": it is not on this module's classpath.");
            return null;
        }
        log.info("Main class: " + name + " (from " + origin + ")");
        return name;
    }

    /**
     * Whether the class can be on the image's classpath: among the module's classes or its runtime dependencies, or
     * a class of the JDK itself ({@code java.}, {@code javax.}, {@code jdk.}, {@code sun.}, {@code com.sun.}).
     */
    static boolean isRunnable(MavenProject project, String className) throws IOException {
        return className.matches("(java|javax|jdk|sun|com\\.sun)\\..*")
                || onClasspath(project, className.replace('.', '/') + ".class");
    }

    /** Whether the module's classes or one of its runtime dependencies holds {@code entry}. */
    private static boolean onClasspath(MavenProject project, String entry) throws IOException {
        if (Files.isRegularFile(Path.of(project.getBuild().getOutputDirectory(), entry))) {
            return true;
        }
        for (Artifact artifact : project.getArtifacts()) {
            Path file = artifact.getFile() == null ? null : artifact.getFile().toPath();
            if (file == null
                    || Artifact.SCOPE_TEST.equals(artifact.getScope())
                    || Artifact.SCOPE_PROVIDED.equals(artifact.getScope())) {
                continue;
            }
            if (Files.isDirectory(file) ? Files.isRegularFile(file.resolve(entry)) : hasEntry(file, entry)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasEntry(Path jar, String entry) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry(entry) != null;
        } catch (IOException notAZip) {
            return false;
        }
    }
}
