package io.github.dockerlayer.layer;

/** What a layer holds, bottom to top; {@link #label()} is the name base.json, image.json and the log use. */
public enum LayerRole {
    /** A layer of the from image (the runtime). */
    FROM("from"),
    /** Released dependencies. */
    DEPENDENCIES("dependencies"),
    /** {@code -SNAPSHOT} dependencies. */
    SNAPSHOT_DEPENDENCIES("snapshot-dependencies"),
    /** Modules of the same reactor. */
    PROJECT_DEPENDENCIES("project-dependencies"),
    /** The project's output directory less its class files. */
    RESOURCES("resources"),
    /** The project's class files. */
    CLASSES("classes"),
    /** The classpath and main-class files. */
    LAUNCH("launch");

    private final String label;

    LayerRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The role with this label. */
    public static LayerRole of(String label) {
        for (LayerRole role : values()) {
            if (role.label.equals(label)) {
                return role;
            }
        }
        throw new IllegalArgumentException("no layer role '" + label + "'");
    }

    @Override
    public String toString() {
        return label;
    }
}
