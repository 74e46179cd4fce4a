package io.github.dockerlayer.record;

/** The two images the plugin builds; {@link #label()} is the {@code io.github.dockerlayer.role} annotation's value. */
public enum ImageKind {
    /** The from image plus the dependency layers, tagged with the base version. */
    BASE,
    /** The base plus resources, classes and launch metadata, tagged with the app's tags. */
    APP;

    /** The name in lower case, words joined by '-': {@code SNAPSHOT_DEPENDENCIES} is {@code snapshot-dependencies}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return label();
    }
}
