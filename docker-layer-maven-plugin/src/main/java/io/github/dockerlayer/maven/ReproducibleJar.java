package io.github.dockerlayer.maven;

import io.github.dockerlayer.assemble.Parameters;
import java.util.List;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;

/**
 * Whether a reactor module packages its jar reproducibly. Its jar goes into the base's project-dependencies layer,
 * so a jar whose bytes change on every build (entry times of the moment) moves that layer and the derived base
 * version on every clean build, though no code changed.
 */
final class ReproducibleJar {
    /** The first maven-jar-plugin version that honours {@code project.build.outputTimestamp}. */
    private static final int[] FIRST_REPRODUCIBLE = {3, 2, 0};

    private ReproducibleJar() {}

    /** Why the module's jar is not reproducible, or null when it is. */
    static String problem(MavenProject module) {
        Plugin jar = module.getPlugin("org.apache.maven.plugins:maven-jar-plugin");
        if (!Parameters.isTimestampSet(module.getProperties().getProperty("project.build.outputTimestamp"))
                && !Parameters.isTimestampSet(
                        PluginConfiguration.value(jar, List.of("default-jar"), List.of("outputTimestamp")))) {
            return "it sets no project.build.outputTimestamp";
        }
        String version = jar == null ? null : jar.getVersion();
        if (version != null && olderThanFirstReproducible(version)) {
            return "its maven-jar-plugin " + version + " predates reproducible jars (3.2.0)";
        }
        return null;
    }

    static boolean olderThanFirstReproducible(String version) {
        String[] parts = version.split("[.-]");
        for (int i = 0; i < FIRST_REPRODUCIBLE.length; i++) {
            int part;
            try {
                part = i < parts.length ? Integer.parseInt(parts[i]) : 0;
            } catch (NumberFormatException e) {
                return false; // a version we cannot read: do not warn on a guess
            }
            if (part != FIRST_REPRODUCIBLE[i]) {
                return part < FIRST_REPRODUCIBLE[i];
            }
        }
        return false;
    }
}
