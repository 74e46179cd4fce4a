package io.github.dockerlayer.layer;

import java.nio.file.Path;

/**
 * A resolved runtime dependency of the project: its coordinates, its file (a jar, or a reactor module's classes
 * directory) and which base layer it belongs to.
 *
 * @param groupId group id
 * @param artifactId artifact id
 * @param version the version as written in the file name ({@code 1.0-SNAPSHOT}, not the timestamped one)
 * @param classifier classifier, or null
 * @param extension file extension, e.g. {@code jar}
 * @param file the jar, or a directory of classes for a reactor module that was not packaged
 * @param kind the layer it goes into
 * @param imagePath where it goes in the image, or null for {@code /app/libs/<fileName()>} (a Quarkus fast-jar's libraries
 *     go where its runner's manifest names them, {@link QuarkusLayout})
 */
public record DependencyFile(
        String groupId,
        String artifactId,
        String version,
        String classifier,
        String extension,
        Path file,
        Kind kind,
        String imagePath) {

    /** A dependency under {@code /app/libs}. */
    public DependencyFile(
            String groupId,
            String artifactId,
            String version,
            String classifier,
            String extension,
            Path file,
            Kind kind) {
        this(groupId, artifactId, version, classifier, extension, file, kind, null);
    }

    /** The base layers, bottom to top: the higher, the more often it changes. */
    public enum Kind {
        /** Released artifacts from a repository: change only when the dependency set does. */
        RELEASE(LayerRole.DEPENDENCIES),
        /** Snapshot artifacts from a repository: may change with every build of another team. */
        SNAPSHOT(LayerRole.SNAPSHOT_DEPENDENCIES),
        /** Modules of the same reactor: change with this repository's commits. */
        PROJECT(LayerRole.PROJECT_DEPENDENCIES);

        private final LayerRole role;

        Kind(LayerRole role) {
            this.role = role;
        }

        /** The layer this kind of dependency goes into. */
        public LayerRole role() {
            return role;
        }
    }

    /** {@code artifactId-version[-classifier].extension}, or the directory name for a classes directory. */
    public String fileName() {
        String name = artifactId + "-" + version + (classifier == null || classifier.isEmpty() ? "" : "-" + classifier);
        return java.nio.file.Files.isDirectory(file) ? name : name + "." + extension;
    }
}
