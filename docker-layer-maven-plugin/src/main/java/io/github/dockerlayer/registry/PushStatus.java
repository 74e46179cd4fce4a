package io.github.dockerlayer.registry;

/** What a push did with one blob or manifest. */
public enum PushStatus {
    /** The registry had it already in the target repository: nothing sent. */
    PRESENT,
    /** Mounted from another repository of the same registry: nothing sent. */
    MOUNTED,
    /** Uploaded. */
    UPLOADED;

    /** The name in lower case, words joined by '-': {@code SNAPSHOT_DEPENDENCIES} is {@code snapshot-dependencies}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return label();
    }
}
