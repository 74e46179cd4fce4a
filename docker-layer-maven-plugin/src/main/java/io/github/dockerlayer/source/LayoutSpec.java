package io.github.dockerlayer.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.image.Annotations;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.layout.OciLayout;
import io.github.dockerlayer.record.ImageKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code oci:PATH[:TAG]}: an image in an OCI image layout on disk (as skopeo's {@code oci:} transport writes it).
 *
 * <p>Which of the layout's images it names ({@link Index#choose}), the one rule for {@code from} and
 * {@code diffAgainst}: with a tag, the index entry whose {@code org.opencontainers.image.ref.name} is that tag or ends
 * with {@code :TAG}; without a tag, the layout's only image, or else the app image this plugin wrote there (every entry
 * annotated as the app names one manifest: a {@code target/docker-layer/oci} holds the base and the app, under several
 * tags). Any other layout without a tag names no image, and the caller asks for a tag.
 *
 * @param text the name as written
 * @param directory the layout's directory, resolved against the project directory
 * @param tag the tag, or null when none was given
 */
public record LayoutSpec(String text, Path directory, String tag) implements ImageSpec {
    /**
     * A layout's index, opened.
     *
     * @param layout the layout
     * @param entries its index entries, in order
     */
    public record Index(OciLayout layout, List<Descriptor> entries) {
        public Index {
            entries = List.copyOf(entries);
        }

        /** The entry {@code tag} names by the rule of {@link LayoutSpec}; empty when it names none. */
        public Optional<Descriptor> choose(String tag) {
            if (tag != null) {
                return entries.stream()
                        .filter(entry -> {
                            String name = entry.annotations().get(Annotations.REF_NAME);
                            return tag.equals(name) || (name != null && name.endsWith(":" + tag));
                        })
                        .findFirst();
            }
            if (entries.size() == 1) {
                return Optional.of(entries.get(0));
            }
            List<Descriptor> apps = entries.stream()
                    .filter(entry ->
                            ImageKind.APP.label().equals(entry.annotations().get(Annotations.ROLE)))
                    .toList();
            boolean oneApp = apps.stream().map(Descriptor::digest).distinct().count() == 1;
            return oneApp ? Optional.of(apps.get(0)) : Optional.empty();
        }

        /** Each entry's ref name (null for an entry without one), for a message listing what the layout has. */
        public List<String> names() {
            List<String> names = new ArrayList<>();
            entries.forEach(entry -> names.add(entry.annotations().get(Annotations.REF_NAME)));
            return names;
        }
    }

    /**
     * An image read from the layout.
     *
     * @param entry the index entry chosen (for a multi-platform image: the index's)
     * @param manifest the digest of the platform's manifest
     * @param config the config digest the manifest declares (the bytes as stored)
     * @param image the image; its layers' bytes are the layout's blobs, opened only when read
     */
    public record Read(Descriptor entry, Digest manifest, Digest config, Image image) {}

    /**
     * Opens the layout and reads its index; when the directory holds no readable layout, fails naming
     * {@code parameter}, with {@code fix}.
     */
    public Index index(String parameter, String fix) {
        try {
            OciLayout layout = OciLayout.open(directory);
            return new Index(layout, layout.indexEntries());
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidParameterException(
                    parameter,
                    "'" + text + "': " + directory + " is not a readable OCI image layout (" + e.getMessage() + ").",
                    fix);
        }
    }

    /**
     * Reads the image {@code entry} names, for {@code platform}: an index (by its media type, or by what it holds) is
     * resolved to that platform's manifest. Its manifest and config are read now; no layer blob is.
     *
     * @throws Platform.NotOffered when an index has no image for {@code platform}
     * @throws IOException or {@link IllegalArgumentException} when a document is missing or malformed
     */
    public static Read read(OciLayout layout, Descriptor entry, Platform platform) throws IOException {
        Descriptor manifest = entry;
        ObjectNode document = document(layout, (MediaType.isIndex(entry.mediaType()) ? "index " : "manifest "), entry);
        if (MediaType.isIndex(entry.mediaType()) || document.has("manifests")) {
            manifest = Descriptor.fromJson(platform.select(document.path("manifests"), "its index " + entry.digest()));
            document = document(layout, "manifest ", manifest);
        }
        Digest config = Digest.parse(document.path("config").path("digest").asText());
        ObjectNode configDocument = Json.parseObject(layout.readBlob(config), "config " + config);
        Image image = Images.fromManifest(
                document, configDocument, layer -> layout.store().blob(layer.digest()));
        return new Read(entry, manifest.digest(), config, image);
    }

    private static ObjectNode document(OciLayout layout, String what, Descriptor descriptor) throws IOException {
        return Json.parseObject(layout.readBlob(descriptor.digest()), what + descriptor.digest());
    }
}
