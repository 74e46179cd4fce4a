package io.github.dockerlayer.registry;

/** What a push did with one blob or manifest. */
public enum PushStatus {
    /** The registry had it already in the target repository: nothing sent. */
    PRESENT("present"),
    /** Mounted from another repository of the same registry: nothing sent. */
    MOUNTED("mounted"),
    /** Uploaded. */
    UPLOADED("uploaded");

    private final String label;

    PushStatus(String label) {
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
