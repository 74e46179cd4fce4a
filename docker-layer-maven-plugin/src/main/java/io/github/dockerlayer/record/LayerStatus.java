package io.github.dockerlayer.record;

/** What a build did to get a layer, as the layer table shows it. */
public enum LayerStatus {
    /** Built now, and its blob was not in the layout before: this layer changed. */
    NEW,
    /** Built now (its inputs' sizes or times moved) with the same digest as a blob already in the layout. */
    UNCHANGED,
    /** Taken from the layout as it was (a from layer already imported, or a layer whose inputs did not move). */
    REUSED,
    /** A from layer copied (or hard-linked) into the layout by this build. */
    IMPORTED,
    /**
     * Left in the registry that holds it, not downloaded: a layer of a registry from image, or of a base the target
     * registry already holds. The layout lacks its blob.
     */
    REMOTE;

    /** The name in lower case, words joined by '-': {@code SNAPSHOT_DEPENDENCIES} is {@code snapshot-dependencies}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return label();
    }
}
