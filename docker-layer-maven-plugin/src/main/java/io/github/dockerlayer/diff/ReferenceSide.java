package io.github.dockerlayer.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.diff.LayerComparison.Entry;
import io.github.dockerlayer.diff.LayerComparison.Side;
import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.image.Annotations;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.registry.Registries;
import io.github.dockerlayer.registry.RegistryImageSource;
import io.github.dockerlayer.source.ImageSpec;
import io.github.dockerlayer.source.LayoutSpec;
import io.github.dockerlayer.source.RegistrySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reference side of the diff, {@code diffAgainst} read through {@link ImageSpec}: a registry image or an image in
 * an OCI layout (an {@code oci:PATH} without a tag by the rule of {@link LayoutSpec}), failing in
 * {@code <diffAgainst>}'s words. A reference that names no image (no such tag, no such layout) is
 * {@link Side#missing}, not a failure: a first build has nothing to compare with.
 */
final class ReferenceSide {
    private static final String FIX = "use a registry reference (host/repo:tag, repo@sha256:...) or oci:PATH[:TAG].";

    private ReferenceSide() {}

    /** The app's first tag, as image.json names it, when {@code diffAgainst} is not set; it must name a registry. */
    static String defaultReference(String image) {
        if (ImageReference.parse(image).registry() == null) {
            throw new InvalidParameterException(
                    "diffAgainst",
                    "it is not set, so the diff compares with the app's first tag" + " as its registry has it, but "
                            + image + " (from <image>) names no registry host.",
                    "set <diffAgainst> to a registry reference (host/repo:tag, repo@sha256:...) or to oci:PATH[:TAG] (e.g. a"
                            + " saved target/docker-layer/oci of an earlier build), or put the registry in front of <image>.");
        }
        return image;
    }

    /** Reads the image {@code text} names, for {@code platform}; relative paths start at {@code baseDirectory}. */
    static Side read(String text, Path baseDirectory, Registries registries, Platform platform, BuildLog log)
            throws IOException {
        ImageSpec spec = ImageSpec.parse(text, baseDirectory, "diffAgainst", "is not an image reference", FIX);
        if (spec instanceof LayoutSpec layout) {
            return fromLayout(layout, platform);
        }
        if (spec instanceof RegistrySpec registry) {
            return fromRegistry(registry, registries, platform, log);
        }
        throw new InvalidParameterException(
                "diffAgainst",
                "'" + text + "' names no image a registry or an OCI layout holds, and only those can be compared.",
                FIX);
    }

    private static Side fromRegistry(RegistrySpec spec, Registries registries, Platform platform, BuildLog log)
            throws IOException {
        ImageReference reference = spec.reference();
        if (registries.offline()) {
            log.info("Maven is offline: comparing with what " + reference + " named when last read on this machine.");
        }
        Optional<RegistryImageSource.Pulled> found;
        try {
            found = spec.find(new RegistryImageSource(registries), platform);
        } catch (Platform.NotOffered e) {
            throw new InvalidParameterException(
                    "diffAgainst",
                    "'" + spec.text() + "': " + e.getMessage() + ".",
                    "name the single-platform image to compare with (repo@sha256:...).");
        } catch (Registries.OfflineException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("cannot read <diffAgainst> " + reference + ": " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            return Side.missing(spec.text());
        }
        RegistryImageSource.Pulled pulled = found.get();
        return side(spec.text(), pulled.manifest().digest(), pulled.config(), pulled.image());
    }

    private static Side fromLayout(LayoutSpec spec, Platform platform) throws IOException {
        if (!Files.exists(spec.directory())) {
            return Side.missing(spec.text());
        }
        LayoutSpec.Index index = spec.index(
                "diffAgainst", "name an OCI image layout, e.g. a saved target/docker-layer/oci of an earlier build.");
        Optional<Descriptor> chosen = index.choose(spec.tag());
        if (chosen.isEmpty()) {
            if (spec.tag() != null || index.entries().isEmpty()) {
                return Side.missing(spec.text()); // no such tag, or nothing in the layout yet
            }
            throw new InvalidParameterException(
                    "diffAgainst",
                    "'" + spec.text() + "' holds " + index.entries().size() + " images and no single"
                            + " app image, so a tag must choose one (it has: " + index.names() + ").",
                    "write oci:PATH:TAG with one of those tags.");
        }
        LayoutSpec.Read read;
        try {
            read = LayoutSpec.read(index.layout(), chosen.get(), platform);
        } catch (Platform.NotOffered e) {
            throw new InvalidParameterException(
                    "diffAgainst",
                    "'" + spec.text() + "': " + e.getMessage() + ".",
                    "name a layout image for " + platform + ".");
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot read <diffAgainst> " + spec.text() + ": " + e.getMessage(), e);
        }
        return side(spec.text(), read.manifest(), read.config(), read.image());
    }

    /** A reference image, its layers' roles read from its config's history and its base from its labels. */
    private static Side side(String name, Digest manifest, Digest config, Image image) {
        ObjectNode configJson = image.config();
        List<Layer> layers = image.layers();
        List<String> roles = LayerRoles.roles(configJson, layers.size());
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            entries.add(new Entry(
                    roles.get(i), layers.get(i).digest(), layers.get(i).size()));
        }
        JsonNode labels = configJson.path("config").path("Labels");
        return new Side(
                name,
                manifest,
                config,
                labels.path(Annotations.BASE_NAME).asText(null),
                digestOrNull(labels.path(Annotations.BASE_DIGEST).asText(null)),
                entries);
    }

    /** A digest written in a record or a label, or null when there is none or it is no digest. */
    static Digest digestOrNull(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Digest.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
