package io.github.dockerlayer.assemble;

/** What a build did to get a layer, as the layer table shows it. */
public enum LayerStatus {
    /** Built now, and its blob was not in the layout before: this layer changed. */
    NEW("new"),
    /** Built now (its inputs' sizes or times moved) with the same digest as a blob already in the layout. */
    UNCHANGED("unchanged"),
    /** Taken from the layout as it was (a from layer already imported, or a layer whose inputs did not move). */
    REUSED("reused"),
    /** A from layer copied (or hard-linked) into the layout by this build. */
    IMPORTED("imported"),
    /**
     * Left in the registry that holds it, not downloaded: a layer of a registry from image, or of a base the target
     * registry already holds. The layout lacks its blob.
     */
    REMOTE("remote");

    private final String label;

    LayerStatus(String label) {
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
