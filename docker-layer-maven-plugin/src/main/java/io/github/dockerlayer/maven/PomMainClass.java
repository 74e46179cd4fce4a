package io.github.dockerlayer.maven;

import io.github.dockerlayer.build.InvalidParameterException;
import io.github.dockerlayer.build.Parameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The main class a pom already names for its jar, so that {@code <mainClass>} need not repeat it: maven-jar-plugin's
 * {@code <archive><manifest><mainClass>}, else spring-boot-maven-plugin's {@code <mainClass>}, else the
 * {@code start-class} property. A name counts only when it is one of the module's own classes: a setting a library
 * module inherits from its parent names another module's class.
 */
final class PomMainClass {
    /** Where each plugin keeps it: the plugin's key, then the path of elements inside its configuration. */
    private static final String[][] PLACES = {
        {"org.apache.maven.plugins:maven-jar-plugin", "archive", "manifest", "mainClass"},
        {"org.springframework.boot:spring-boot-maven-plugin", "mainClass"},
    };

    private PomMainClass() {}

    /** The class, or null when the pom names none of the module's classes. */
    static String find(MavenProject project, Log log) {
        for (String[] place : PLACES) {
            Plugin plugin = project.getPlugin(place[0]);
            if (plugin == null) {
                continue;
            }
            List<Object> configurations = new ArrayList<>();
            configurations.add(plugin.getConfiguration());
            plugin.getExecutions().forEach(execution -> configurations.add(execution.getConfiguration()));
            List<String> path = List.of(place).subList(1, place.length);
            String origin = place[0].substring(place[0].indexOf(':') + 1) + "'s <" + String.join("><", path) + ">";
            for (Object configuration : configurations) {
                String name = accept(project, value(configuration, path), origin, log);
                if (name != null) {
                    return name;
                }
            }
        }
        return accept(project, project.getProperties().getProperty("start-class"), "the start-class property", log);
    }

    private static String accept(MavenProject project, String value, String origin, Log log) {
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
        if (!Files.isRegularFile(Path.of(project.getBuild().getOutputDirectory(), name.replace('.', '/') + ".class"))) {
            log.debug("Not using the main class " + name + " of " + origin + ": it is not among this module's classes.");
            return null;
        }
        log.info("Main class: " + name + " (from " + origin + ")");
        return name;
    }

    private static String value(Object configuration, List<String> path) {
        if (!(configuration instanceof Xpp3Dom node)) {
            return null;
        }
        for (String name : path) {
            node = node.getChild(name);
            if (node == null) {
                return null;
            }
        }
        return node.getValue() == null ? null : node.getValue().trim();
    }
}
