package io.github.dockerlayer.maven;

import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.project.FatJar;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * The project's own jar for {@code containerizingMode} packaged: the main artifact's file as maven-jar-plugin built it.
 * It must exist (the goal runs after {@code package}), and must not be a fat jar (Spring Boot's repackaged jar, a
 * shaded jar): their dependencies are in the base already. A jar that is not reproducible is warned about once.
 */
final class PackagedJar {
    private static final String WARNED = PackagedJar.class.getName() + ".warned-not-reproducible:";

    private PackagedJar() {}

    /** The checked jar. */
    static Path of(MavenProject project, MavenSession session, Log log) throws IOException {
        File artifactFile =
                project.getArtifact() == null ? null : project.getArtifact().getFile();
        Path jar = artifactFile == null ? null : artifactFile.toPath();
        if (jar == null
                || !Files.isRegularFile(jar)
                || !jar.getFileName().toString().endsWith(".jar")) {
            throw new InvalidParameterException(
                    "containerizingMode",
                    "it is packaged, but " + project.getArtifactId() + " has no jar yet"
                            + (jar == null ? "" : " (its main artifact is " + jar + ")") + ".",
                    "run the goal after the package phase, e.g. mvn package docker-layer:image, or set"
                            + " <containerizingMode>exploded</containerizingMode>.");
        }
        if (project.getFile() != null && project.getFile().getName().equals("dependency-reduced-pom.xml")) {
            throw fat(project, jar, "maven-shade-plugin replaced the main artifact with its shaded jar");
        }
        String problem = FatJar.problem(
                jar, Path.of(project.getBuild().getOutputDirectory()), project.getGroupId(), project.getArtifactId());
        if (problem != null) {
            throw fat(project, jar, problem);
        }
        String unreproducible = ReproducibleJar.problem(project);
        if (unreproducible != null
                && session.getRepositorySession().getData().set(WARNED + project.getId(), null, Boolean.TRUE)) {
            log.warn(
                    "The jar of " + project.getArtifactId() + " is not reproducible: " + unreproducible + ". Its bytes"
                            + " change on every clean build, and with them the app's jar layer. Fix: set"
                            + " <project.build.outputTimestamp> (e.g. 2024-01-01T00:00:00Z) and use maven-jar-plugin 3.2.0 or later.");
        }
        return jar;
    }

    private static InvalidParameterException fat(MavenProject project, Path jar, String problem) {
        return new InvalidParameterException(
                "containerizingMode",
                "it is packaged, but " + jar + " bundles dependencies: "
                        + problem + ". The base holds the dependencies already; the app's layer must hold "
                        + project.getArtifactId() + "'s own code only.",
                "keep maven-jar-plugin's jar as the main artifact (Spring"
                        + " Boot: <classifier>exec</classifier> in spring-boot-maven-plugin's repackage; shade:"
                        + " <shadedArtifactAttached>true</shadedArtifactAttached>), or set <containerizingMode>exploded</containerizingMode>.");
    }
}
