package io.github.dockerlayer.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.archive.DockerArchive;
import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.layer.LayerCache;
import io.github.dockerlayer.layout.OciLayout;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.log.Sizes;
import io.github.dockerlayer.registry.RegistryImageSource;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code from} parameter: where the runtime image under everything comes from, an {@link ImageSpec} read and
 * checked. {@link #parse} checks that it exists and can be read, without writing anything; {@link #load} imports it
 * into the build's layout.
 */
public final class FromImage {
    private final ImageSpec spec;
    private final FromSource source;

    /**
     * An image loaded into the build's layout.
     *
     * @param image the image, its layer blobs in the layout
     * @param name the name it is known by (the source's ref name or saved tag), or null
     * @param digest its manifest's digest, or null for scratch and docker archives
     */
    public record Loaded(Image image, String name, Digest digest) {}

    private FromImage(ImageSpec spec, FromSource source) {
        this.spec = spec;
        this.source = source;
    }

    /** Parses and checks a {@code from} on disk (no registry); relative paths resolve against {@code baseDirectory}. */
    public static FromImage parse(String from, Path baseDirectory) {
        try {
            return parse(from, baseDirectory, Platform.LINUX_AMD64, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // only a registry source reads over the network
        }
    }

    /**
     * Parses and checks {@code from}, reading what it names (for a registry: its manifest and config, not its layers);
     * relative paths resolve against {@code baseDirectory}; a multi-platform source gives its {@code platform} image.
     * {@code registry} may be null when no registry is to be used. An {@code oci:PATH} without a tag names an image by
     * the rule of {@link LayoutSpec}.
     */
    public static FromImage parse(String from, Path baseDirectory, Platform platform, RegistryImageSource registry)
            throws IOException {
        ImageSpec spec =
                ImageSpec.parse(from, baseDirectory, "from", "is not a source this plugin knows", FromSources.FIX);
        return new FromImage(spec, FromSources.read(spec, platform, registry));
    }

    /**
     * Checks that the from image is for {@code platform}, as the user asked for it explicitly: a single-platform from
     * image for another one fails naming what it is. Scratch is for any platform.
     */
    public void checkPlatform(Platform platform) {
        if (isScratch()) {
            return; // made for the platform asked for
        }
        ObjectNode actual = config();
        if (!platform.matches(actual)) {
            String is = actual.path("os").asText("?") + "/"
                    + actual.path("architecture").asText("?")
                    + (actual.hasNonNull("variant")
                            ? "/" + actual.path("variant").asText()
                            : "");
            throw new InvalidParameterException(
                    "platform",
                    "<from> '" + spec.text() + "' is an image for " + is + ", not " + platform + ".",
                    "set <platform> to " + is + " (or leave it unset), or choose a from image built for " + platform
                            + ".");
        }
    }

    /** The {@code from} as written (trimmed; {@code scratch} when none was given). */
    public String spec() {
        return spec.text();
    }

    /**
     * The from image's config document as read by {@link #parse} (for scratch: the empty image's), without importing
     * anything.
     */
    public ObjectNode config() {
        return source instanceof FromSource.Archive archive
                ? archive.contents().config().deepCopy()
                : ((FromSource.Read) source).image().config();
    }

    /**
     * How a Dockerfile's {@code FROM} names this image: {@code scratch}, or the registry reference as written, pinned
     * to the manifest digest read (for a multi-platform image: the platform's manifest), so that a Docker build runs
     * on the same image as the plugin's own; a {@code docker-daemon:REF} as {@code REF} (the daemon holds it by that
     * name); null for an OCI layout or a docker-archive file, which a Dockerfile cannot name.
     */
    public String dockerfileReference() {
        if (spec instanceof Scratch) {
            return Scratch.TEXT;
        }
        if (spec instanceof RegistrySpec registry) {
            return registry.reference().digest() != null
                    ? registry.text()
                    : registry.text() + "@" + ((FromSource.Read) source).digest();
        }
        // the daemon that builds the Dockerfile holds it by that name (the one it was saved from, usually)
        return spec instanceof DaemonSpec daemon ? daemon.reference() : null;
    }

    /** Whether {@code from} is scratch. */
    public boolean isScratch() {
        return spec instanceof Scratch;
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
            return source instanceof FromSource.Archive archive
                    ? importArchive(archive, layout, cache, log)
                    : link((FromSource.Read) source, layout, log, complete);
        } catch (NoSuchFileException e) {
            throw new InvalidParameterException(
                    "from",
                    "'" + spec.text() + "' is incomplete: " + e.getFile() + " is missing.",
                    "recreate the source, e.g. with 'skopeo copy', or " + FromSources.FIX);
        } catch (IllegalArgumentException | IOException e) {
            String message = String.valueOf(e.getMessage());
            Path path = sourcePath();
            if (e instanceof IOException
                    && (path == null
                            || message.contains(layout.root() + File.separator)
                            || !message.contains(path.toString()))) {
                throw (IOException) e; // not the source's fault: writing failed (e.g. the target disk is full)
            }
            throw new InvalidParameterException(
                    "from",
                    "'" + spec.text() + "' cannot be read: " + e.getMessage() + ".",
                    "recreate the source, e.g. with 'skopeo copy', or " + FromSources.FIX);
        }
    }

    /** The file or directory the source reads from, or null when it is none of the user's (scratch, a registry). */
    private Path sourcePath() {
        if (spec instanceof LayoutSpec layout) {
            return layout.directory();
        }
        return source instanceof FromSource.Archive archive ? archive.file() : null;
    }

    /**
     * Layers in a local file (a source layout, or the download cache) are linked in; a registry's layers not downloaded
     * yet are downloaded into the cache first when the layout is to be complete, else they stay there (a sink fetches
     * or mounts them when it needs them).
     */
    private Loaded link(FromSource.Read read, OciLayout layout, BuildLog log, boolean complete) throws IOException {
        boolean fromRegistry = spec instanceof RegistrySpec;
        for (Layer layer : read.image().layers()) {
            if (complete
                    && !layout.hasBlob(layer.digest())
                    && layer.blob().file() == null
                    && layer.blob().repository() != null) {
                layer.blob().open().close(); // fetched whole and checked into the download cache
            }
            if (!layout.hasBlob(layer.digest()) && layer.blob().file() != null) {
                log.info((fromRegistry
                                ? "Linking from-image layer " + layer.digest().toShortString()
                                        + " from the download cache ("
                                : "Importing from-image layer " + layer.digest().toShortString() + " (")
                        + Sizes.human(layer.size()) + ")");
                layout.importBlob(layer.blob().file(), layer.digest());
            }
        }
        return new Loaded(read.image(), read.name(), read.digest());
    }

    private static Loaded importArchive(FromSource.Archive archive, OciLayout layout, LayerCache cache, BuildLog log)
            throws IOException {
        log.info("Reading docker archive " + archive.file());
        List<String> tags = archive.contents().repoTags();
        Image image = new DockerArchive(archive.file()).importInto(archive.contents(), layout.store(), cache);
        return new Loaded(image, tags.isEmpty() ? null : tags.get(0), null);
    }
}
