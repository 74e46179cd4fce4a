package io.github.dockerlayer.image;

/** Annotation and label keys, spelled as the OCI image spec's annotations.md spells them. */
public final class Annotations {
    /** What every key the spec defines starts with. */
    public static final String OCI_PREFIX = "org.opencontainers.image.";

    public static final String REF_NAME = "org.opencontainers.image.ref.name";
    public static final String CREATED = "org.opencontainers.image.created";
    public static final String VERSION = "org.opencontainers.image.version";
    public static final String REVISION = "org.opencontainers.image.revision";
    public static final String SOURCE = "org.opencontainers.image.source";
    public static final String BASE_NAME = "org.opencontainers.image.base.name";
    public static final String BASE_DIGEST = "org.opencontainers.image.base.digest";
    /** containerd's (and so Docker 25+'s) key for the full image name of an index entry. */
    public static final String CONTAINERD_IMAGE_NAME = "io.containerd.image.name";
    /** Ours: which of the plugin's images an index entry is, {@code base} or {@code app}. */
    public static final String ROLE = "io.github.dockerlayer.role";

    private Annotations() {}
}
