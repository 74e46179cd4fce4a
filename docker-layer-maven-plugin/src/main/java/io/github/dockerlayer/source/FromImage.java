package io.github.dockerlayer.source;

import io.github.dockerlayer.archive.DockerArchive;
import io.github.dockerlayer.daemon.DaemonEndpoint;
import io.github.dockerlayer.daemon.DaemonException;
import io.github.dockerlayer.daemon.DaemonImages;
import io.github.dockerlayer.daemon.DockerDaemon;
import io.github.dockerlayer.daemon.DockerJavaDaemon;
import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.image.Annotations;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.layer.LayerCache;
import io.github.dockerlayer.layout.LayoutReference;
import io.github.dockerlayer.layout.OciLayout;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.log.Sizes;
import io.github.dockerlayer.registry.Registries;
import io.github.dockerlayer.registry.RegistryException;
import io.github.dockerlayer.registry.RegistryImageSource;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code from} parameter: where the runtime image under everything comes from. {@link #parse} checks that it
 * exists and can be read, without writing anything; {@link #load} imports it into the build's layout.
 */
public final class FromImage {
    private static final String FIX = "use scratch, a registry reference (eclipse-temurin:21-jre,"
            + " registry.example.com:5000/team/jre:21, repo@sha256:...), oci:PATH[:TAG] (an OCI image layout, e.g. made by"
            + " 'skopeo copy docker://REF oci:DIR:TAG'), docker-archive:PATH (made by 'docker save') or docker-daemon:REF (an"
            + " image of the local Docker daemon).";

    private enum Kind {
        SCRATCH,
        OCI,
        DOCKER_ARCHIVE,
        REGISTRY
    }

    private final String spec;
    private final Kind kind;
    private final Path path;
    private final String tag;
    private final Descriptor ociManifest;
    private final Image ociImage;
    private final DockerArchive.Contents archiveContents;
    private final ImageReference reference;

    /**
     * An image loaded into the build's layout.
     *
     * @param image the image, its layer blobs in the layout
     * @param name the name it is known by (the source's ref name or saved tag), or null
     * @param digest its manifest's digest, or null for scratch and docker archives
     */
    public record Loaded(Image image, String name, Digest digest) {}

    private FromImage(
            String spec,
            Kind kind,
            Path path,
            String tag,
            Descriptor ociManifest,
            Image ociImage,
            DockerArchive.Contents archiveContents,
            ImageReference reference) {
        this.spec = spec;
        this.kind = kind;
        this.path = path;
        this.tag = tag;
        this.ociManifest = ociManifest;
        this.ociImage = ociImage;
        this.archiveContents = archiveContents;
        this.reference = reference;
    }

    /** Parses and checks a {@code from} on disk (no registry); relative paths resolve against {@code baseDirectory}. */
    public static FromImage parse(String from, Path baseDirectory) {
        try {
            return parse(from, baseDirectory, Platform.LINUX_AMD64, null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // only a registry source reads over the network
        }
    }

    /**
     * Parses and checks {@code from}, reading what it names (for a registry: its manifest and config, not its layers);
     * relative paths resolve against {@code baseDirectory}; a multi-platform source gives its {@code platform} image.
     * {@code registry} may be null when no registry is to be used.
     */
    public static FromImage parse(String from, Path baseDirectory, Platform platform, RegistryImageSource registry)
            throws IOException {
        String spec = from == null || from.isBlank() ? "scratch" : from.trim();
        if (spec.equals("scratch")) {
            return new FromImage(spec, Kind.SCRATCH, null, null, null, Images.scratch(platform), null, null);
        }
        if (spec.startsWith("oci:")) {
            LayoutReference reference = LayoutReference.parse(spec, baseDirectory);
            Path dir = reference.directory();
            String tag = reference.tag();
            Descriptor manifest = findManifest(spec, dir, tag);
            Image image;
            try {
                image = OciLayout.open(dir)
                        .readImage(manifest, platform); // read whole now, so a broken source fails before any write
            } catch (Platform.NotOffered e) {
                throw notOffered(spec, e);
            } catch (IOException | IllegalArgumentException e) {
                throw new InvalidParameterException(
                        "from",
                        "'" + spec + "' cannot be read: " + e.getMessage() + ".",
                        "recreate the source, e.g. with 'skopeo copy', or " + FIX);
            }
            return new FromImage(spec, Kind.OCI, dir, tag, manifest, image, null, null);
        }
        if (spec.startsWith("docker-archive:")) {
            Path file = baseDirectory
                    .resolve(spec.substring("docker-archive:".length()))
                    .normalize();
            if (!Files.isRegularFile(file)) {
                throw new InvalidParameterException(
                        "from",
                        "'" + spec + "': there is no file " + file + ".",
                        "check the path (relative paths start at the project directory), or " + FIX);
            }
            DockerArchive.Contents contents;
            try {
                contents = new DockerArchive(file).contents();
            } catch (IOException e) {
                throw new InvalidParameterException(
                        "from", "'" + spec + "' cannot be read: " + e.getMessage() + ".", FIX);
            }
            return new FromImage(spec, Kind.DOCKER_ARCHIVE, file, null, null, null, contents, null);
        }
        if (spec.startsWith("docker-daemon:")) {
            Path file = fromDaemon(spec, registry);
            DockerArchive.Contents contents;
            try {
                contents = new DockerArchive(file).contents();
            } catch (IOException e) {
                throw new IOException(
                        "cannot read <from> '" + spec + "' as the daemon saved it (" + file + "): " + e.getMessage(),
                        e);
            }
            return new FromImage(spec, Kind.DOCKER_ARCHIVE, file, null, null, null, contents, null);
        }
        ImageReference reference;
        try {
            reference = ImageReference.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    "from", "'" + spec + "' is not a source this plugin knows (" + e.getMessage() + ").", FIX);
        }
        if (registry == null) {
            throw new InvalidParameterException(
                    "from", "'" + spec + "' names a registry image, and this goal reads none.", FIX);
        }
        RegistryImageSource.Pulled pulled;
        try {
            pulled = registry.read(reference, platform);
        } catch (Platform.NotOffered e) {
            throw notOffered(spec, e);
        } catch (RegistryException e) {
            if (e.kind() == RegistryException.Kind.NOT_FOUND) {
                throw new InvalidParameterException(
                        "from",
                        "'" + spec + "': " + e.getMessage() + ".",
                        "check the repository and tag (docker.io images without a host are read from Docker Hub), or "
                                + FIX);
            }
            throw new IOException("cannot read <from> '" + spec + "': " + e.getMessage(), e);
        } catch (Registries.OfflineException e) {
            throw new InvalidParameterException(
                    "from",
                    "'" + spec + "' was never pulled on this machine, and " + e.getMessage(),
                    "run once online, or " + FIX);
        }
        return new FromImage(spec, Kind.REGISTRY, null, null, pulled.manifest(), pulled.image(), null, reference);
    }

    /**
     * The docker-archive of a {@code docker-daemon:REF} from: saved from the daemon once per image ID into the shared
     * cache. A missing image fails naming {@code <from>} and the image.
     */
    private static Path fromDaemon(String spec, RegistryImageSource registry) throws IOException {
        String reference = spec.substring("docker-daemon:".length()).trim();
        if (reference.isEmpty()) {
            throw new InvalidParameterException(
                    "from", "'" + spec + "' names no image.", "write docker-daemon:REPOSITORY:TAG.");
        }
        if (registry == null) {
            throw new InvalidParameterException(
                    "from", "'" + spec + "' names a daemon image, and this goal reads none.", FIX);
        }
        try (DockerDaemon daemon = DockerJavaDaemon.connect(DaemonEndpoint.fromEnvironment())) {
            Optional<Path> saved = DaemonImages.saved(daemon, reference, registry.cacheDirectory());
            if (saved.isEmpty()) {
                throw new InvalidParameterException(
                        "from",
                        "'" + spec + "': the Docker daemon at "
                                + daemon.endpoint().describe() + " has no image " + reference + ".",
                        "build or pull it there first (docker build -t " + reference + " ., docker pull " + reference
                                + "), check the name with 'docker image ls', or " + FIX);
            }
            return saved.get();
        } catch (DaemonException e) {
            throw new IOException("cannot read <from> '" + spec + "': " + e.getMessage(), e);
        }
    }

    private static InvalidParameterException notOffered(String spec, Platform.NotOffered e) {
        return new InvalidParameterException(
                "platform",
                "<from> '" + spec + "': " + e.getMessage() + ".",
                "set <platform> to one of those, or choose a from image built for the" + " platform you need.");
    }

    private static Descriptor findManifest(String spec, Path dir, String tag) {
        OciLayout layout;
        List<Descriptor> entries;
        try {
            layout = OciLayout.open(dir);
            entries = layout.indexEntries();
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidParameterException(
                    "from",
                    "'" + spec + "': " + dir + " is not a readable OCI image layout (" + e.getMessage() + ").",
                    "check the path (relative paths start at the project directory), or " + FIX);
        }
        List<String> names = new ArrayList<>();
        for (Descriptor entry : entries) {
            String name = entry.annotations().get(Annotations.REF_NAME);
            names.add(name);
            if (tag == null ? entries.size() == 1 : tag.equals(name) || (name != null && name.endsWith(":" + tag))) {
                return entry;
            }
        }
        String problem = tag == null
                ? "the layout " + dir + " holds " + entries.size() + " images, so a tag must choose one (it has: "
                        + names + ")."
                : "the layout " + dir + " has no image tagged '" + tag + "' (it has: " + names + ").";
        throw new InvalidParameterException(
                "from", "'" + spec + "': " + problem, "write oci:PATH:TAG with one of those tags.");
    }

    /**
     * Checks that the from image is for {@code platform}, as the user asked for it explicitly: a single-platform from
     * image for another one fails naming what it is. Scratch is for any platform.
     */
    public void checkPlatform(Platform platform) {
        if (kind == Kind.SCRATCH) {
            return; // made for the platform asked for
        }
        com.fasterxml.jackson.databind.node.ObjectNode actual = config();
        if (!platform.matches(actual)) {
            String is = actual.path("os").asText("?") + "/"
                    + actual.path("architecture").asText("?")
                    + (actual.hasNonNull("variant")
                            ? "/" + actual.path("variant").asText()
                            : "");
            throw new InvalidParameterException(
                    "platform",
                    "<from> '" + spec + "' is an image for " + is + ", not " + platform + ".",
                    "set <platform> to " + is + " (or leave it unset), or choose a from image built for " + platform
                            + ".");
        }
    }

    public String spec() {
        return spec;
    }

    /**
     * The from image's config document as read by {@link #parse} (for scratch: the empty image's), without importing
     * anything.
     */
    public com.fasterxml.jackson.databind.node.ObjectNode config() {
        return kind == Kind.DOCKER_ARCHIVE ? archiveContents.config().deepCopy() : ociImage.config();
    }

    /**
     * How a Dockerfile's {@code FROM} names this image: {@code scratch}, or the registry reference as written, pinned
     * to the manifest digest read (for a multi-platform image: the platform's manifest), so that a Docker build runs
     * on the same image as the plugin's own; a {@code docker-daemon:REF} as {@code REF} (the daemon holds it by that
     * name); null for an OCI layout or a docker-archive file, which a Dockerfile cannot name.
     */
    public String dockerfileReference() {
        return switch (kind) {
            case SCRATCH -> "scratch";
            case REGISTRY -> reference.digest() != null ? spec : spec + "@" + ociManifest.digest();
            // the daemon that builds the Dockerfile holds it by that name (the one it was saved from, usually)
            case DOCKER_ARCHIVE ->
                spec.startsWith("docker-daemon:")
                        ? spec.substring("docker-daemon:".length()).trim()
                        : null;
            default -> null;
        };
    }

    public boolean isScratch() {
        return kind == Kind.SCRATCH;
    }

    /**
     * Imports the image into {@code layout} (layers already there, or imported before, are not copied again). A source
     * that turns out broken (a missing blob, a bad digest, a layer that does not match its diffId) fails naming
     * {@code <from>}.
     */
    public Loaded load(OciLayout layout, LayerCache cache, BuildLog log) throws IOException {
        return load(layout, cache, log, true);
    }

    /**
     * Puts the from image's layers into {@code layout}. With {@code complete}, a registry's layers not in the download
     * cache yet are downloaded into it (once per machine) and linked in, so the layout holds every blob its images
     * name; without, they stay in the registry (a push mounts them there), and the layout names them as the image-layout
     * spec allows.
     */
    public Loaded load(OciLayout layout, LayerCache cache, BuildLog log, boolean complete) throws IOException {
        try {
            return importInto(layout, cache, log, complete);
        } catch (NoSuchFileException e) {
            throw new InvalidParameterException(
                    "from",
                    "'" + spec + "' is incomplete: " + e.getFile() + " is missing.",
                    "recreate the source, e.g. with 'skopeo copy', or " + FIX);
        } catch (IllegalArgumentException | IOException e) {
            String message = String.valueOf(e.getMessage());
            if (e instanceof IOException
                    && (path == null
                            || message.contains(layout.root() + File.separator)
                            || !message.contains(path.toString()))) {
                throw (IOException) e; // not the source's fault: writing failed (e.g. the target disk is full)
            }
            throw new InvalidParameterException(
                    "from",
                    "'" + spec + "' cannot be read: " + e.getMessage() + ".",
                    "recreate the source, e.g. with 'skopeo copy', or " + FIX);
        }
    }

    private Loaded importInto(OciLayout layout, LayerCache cache, BuildLog log, boolean complete) throws IOException {
        switch (kind) {
            case SCRATCH:
                return new Loaded(ociImage, null, null);
            case OCI:
            case REGISTRY: {
                // Layers in a local file (a source layout, or the download cache) are linked in; a registry's layers
                // not downloaded yet are downloaded into the cache first when the layout is to be complete, else they
                // stay there (a sink fetches or mounts them when it needs them).
                Image image = ociImage;
                for (Layer layer : image.layers()) {
                    if (complete
                            && !layout.hasBlob(layer.digest())
                            && layer.blob().file() == null
                            && layer.blob().repository() != null) {
                        layer.blob().open().close(); // fetched whole and checked into the download cache
                    }
                    if (!layout.hasBlob(layer.digest()) && layer.blob().file() != null) {
                        log.info((kind == Kind.REGISTRY
                                        ? "Linking from-image layer "
                                                + layer.digest().toShortString() + " from the download cache ("
                                        : "Importing from-image layer "
                                                + layer.digest().toShortString() + " (")
                                + Sizes.human(layer.size()) + ")");
                        layout.importBlob(layer.blob().file(), layer.digest());
                    }
                }
                if (kind == Kind.REGISTRY) {
                    return new Loaded(image, reference.toString(), ociManifest.digest());
                }
                String name = ociManifest.annotations().get(Annotations.CONTAINERD_IMAGE_NAME);
                String refName = ociManifest.annotations().get(Annotations.REF_NAME);
                if (name == null && refName != null && (refName.contains(":") || refName.contains("/"))) {
                    name = refName; // a full reference; a bare tag such as "17" names no image
                }
                return new Loaded(image, name, ociManifest.digest());
            }
            default: {
                log.info("Reading docker archive " + path);
                List<String> tags = archiveContents.repoTags();
                Image image = new DockerArchive(path).importInto(archiveContents, layout.store(), cache);
                return new Loaded(image, tags.isEmpty() ? null : tags.get(0), null);
            }
        }
    }
}
