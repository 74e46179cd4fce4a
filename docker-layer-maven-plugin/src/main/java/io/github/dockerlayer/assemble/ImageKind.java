package io.github.dockerlayer.assemble;

/** The two images the plugin builds; {@link #label()} is the {@code io.github.dockerlayer.role} annotation's value. */
public enum ImageKind {
    /** The from image plus the dependency layers, tagged with the base version. */
    BASE("base"),
    /** The base plus resources, classes and launch metadata, tagged with the app's tags. */
    APP("app");

    private final String label;

    ImageKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
