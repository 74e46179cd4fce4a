package io.github.dockerlayer.layer;

/** What a layer holds, bottom to top; {@link #label()} is the name base.json, image.json and the log use. */
public enum LayerRole {
    /** A layer of the from image (the runtime). */
    FROM,
    /** Released dependencies. */
    DEPENDENCIES,
    /** {@code -SNAPSHOT} dependencies. */
    SNAPSHOT_DEPENDENCIES,
    /** Modules of the same reactor. */
    PROJECT_DEPENDENCIES,
    /** The classpath and main-class files: the app's lowest layer, as it moves only when they do. */
    LAUNCH,
    /** The files of {@code extraDirectories} (config files, scripts, keystores): below the code, so it does not move them. */
    EXTRA_DIRECTORIES,
    /** The project's output directory less its class files (exploded mode). */
    RESOURCES,
    /** The project's class files (exploded mode). */
    CLASSES,
    /** The project's own jar as maven-jar-plugin built it ({@code containerizingMode} packaged), in place of resources and classes. */
    JAR,
    /** A Quarkus fast-jar's {@code quarkus-run.jar} and the other files at its top: the lowest app layer of a Quarkus app. */
    QUARKUS_RUNNER,
    /** A Quarkus fast-jar's {@code app/}: the project's own jar. */
    QUARKUS_APP,
    /** A Quarkus fast-jar's {@code quarkus/}: the bytecode and application model Quarkus generates on every build. */
    QUARKUS_GENERATED;

    /** The name in lower case, words joined by '-': {@code SNAPSHOT_DEPENDENCIES} is {@code snapshot-dependencies}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The role with this label. */
    public static LayerRole of(String label) {
        for (LayerRole role : values()) {
            if (role.label().equals(label)) {
                return role;
            }
        }
        throw new IllegalArgumentException("no layer role '" + label + "'");
    }

    @Override
    public String toString() {
        return label();
    }
}
