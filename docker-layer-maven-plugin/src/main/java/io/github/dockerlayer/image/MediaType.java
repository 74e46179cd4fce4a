package io.github.dockerlayer.image;

/** Media types as the OCI image spec and Docker's image manifest v2 schema 2 spell them. */
public final class MediaType {
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LAYER_TAR = "application/vnd.docker.image.rootfs.diff.tar";
    public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    private MediaType() {}

    /** True for a manifest list or an image index. */
    public static boolean isIndex(String mediaType) {
        return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
    }

    /**
     * The OCI name of a layer media type: Docker's gzip and plain tar layers are byte for byte the OCI ones, so an
     * image built on a Docker-typed base can be written as a pure OCI image. Other types (zstd, foreign) pass through.
     */
    public static String toOciLayer(String mediaType) {
        return switch (mediaType) {
            case DOCKER_LAYER_GZIP -> OCI_LAYER_GZIP;
            case DOCKER_LAYER_TAR -> OCI_LAYER_TAR;
            default -> mediaType;
        };
    }
}
