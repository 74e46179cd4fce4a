package io.github.dockerlayer.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.blob.AtomicFiles;
import io.github.dockerlayer.diff.LayerComparison.Entry;
import io.github.dockerlayer.diff.LayerComparison.Result;
import io.github.dockerlayer.diff.LayerComparison.Row;
import io.github.dockerlayer.diff.LayerComparison.Side;
import io.github.dockerlayer.diff.LayerComparison.Status;
import io.github.dockerlayer.failure.CheckFailedException;
import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.image.Annotations;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.layout.LayoutReference;
import io.github.dockerlayer.layout.OciLayout;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.log.Sizes;
import io.github.dockerlayer.record.BuildReport;
import io.github.dockerlayer.record.ImageKind;
import io.github.dockerlayer.registry.Registries;
import io.github.dockerlayer.registry.RegistryImageSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the app image just built ({@code target/docker-layer}: image.json, base.json, the layout) with a reference
 * (the app's first tag as its registry has it, another registry reference, or an image in an OCI layout), layer by
 * layer, and says what a node holding the reference must pull to update, and whether the base moved. Writes
 * {@code diff.json} and a table in the log.
 *
 * <p>The comparison itself is pure: {@link LayerComparison}, with the roles read by {@link LayerRoles}.
 */
public final class ImageDiff {
    private final Path outputDirectory;
    private final Path baseDirectory;
    private final Registries registries;
    private final BuildLog log;

    /**
     * @param outputDirectory {@code target/docker-layer}
     * @param baseDirectory where a relative {@code oci:PATH} starts (the project directory)
     */
    public ImageDiff(Path outputDirectory, Path baseDirectory, Registries registries, BuildLog log) {
        this.outputDirectory = outputDirectory;
        this.baseDirectory = baseDirectory;
        this.registries = registries;
        this.log = log;
    }

    /** Whether there is something to compare: the image goal wrote image.json and base.json. */
    public boolean built() {
        return Files.isRegularFile(outputDirectory.resolve("image.json"))
                && Files.isRegularFile(outputDirectory.resolve("base.json"));
    }

    /**
     * Compares the build with {@code diffAgainst} (null: the app's first tag in its registry), writes diff.json and logs
     * the table; with {@code failOnBaseChange}, fails when the base moved (after writing diff.json). A reference that
     * does not exist is no failure: every layer is new, and there is no base to have moved.
     */
    public Result diff(String diffAgainst, boolean failOnBaseChange) throws IOException {
        Path file = outputDirectory.resolve("diff.json");
        Files.deleteIfExists(file); // a failure below must not leave an earlier build's diff behind
        ObjectNode appJson = Json.parseObject(Files.readAllBytes(outputDirectory.resolve("image.json")), "image.json");
        ObjectNode baseJson = Json.parseObject(Files.readAllBytes(outputDirectory.resolve("base.json")), "base.json");
        if (!appJson.path("base")
                .path("digest")
                .asText()
                .equals(baseJson.path("digest").asText())) {
            throw new IOException("image.json names base "
                    + appJson.path("base").path("digest").asText() + " but base.json" + " describes "
                    + baseJson.path("digest").asText() + ": run the base and image goals again before diff.");
        }
        OciLayout layout = OciLayout.open(outputDirectory.resolve("oci"));
        Side current = current(appJson, layout);
        Platform platform =
                platformOf(Json.parseObject(layout.readBlob(current.config()), "config " + current.config()));
        String spec = diffAgainst == null || diffAgainst.isBlank() ? defaultReference(appJson) : diffAgainst.trim();
        Side reference = spec.startsWith("oci:") ? fromLayout(spec, platform) : fromRegistry(spec, platform);

        Result result = LayerComparison.compare(current, reference);
        AtomicFiles.write(file, Json.pretty(toJson(result)));
        logResult(result, failOnBaseChange);
        if (failOnBaseChange && result.baseChanged()) {
            throw new CheckFailedException("failOnBaseChange", baseChangeMessage(result, file));
        }
        return result;
    }

    /** This build's app image, from image.json, checked against its manifest in the layout. */
    private static Side current(ObjectNode appJson, OciLayout layout) throws IOException {
        String name = appJson.path("image").asText();
        Digest manifest = Digest.parse(appJson.path("digest").asText());
        if (!layout.hasBlob(manifest)) {
            throw new IOException(name + " (" + manifest + ") is not in " + layout.root()
                    + ": run the base and image goals again before diff.");
        }
        JsonNode manifestLayers = Json.parseObject(layout.readBlob(manifest), "manifest " + manifest)
                .path("layers");
        List<Entry> layers = new ArrayList<>();
        JsonNode recorded = appJson.path("layers");
        if (recorded.size() != manifestLayers.size()) {
            throw new IOException(name + "'s record does not match its manifest in " + layout.root()
                    + ": run the base and image goals again before diff.");
        }
        for (int i = 0; i < recorded.size(); i++) {
            JsonNode layer = recorded.get(i);
            if (!layer.path("digest")
                    .asText()
                    .equals(manifestLayers.get(i).path("digest").asText())) {
                throw new IOException(name + "'s record does not match its manifest in " + layout.root() + " (layer "
                        + i + "): run the base and image goals again before diff.");
            }
            layers.add(new Entry(
                    layer.path("role").asText(),
                    Digest.parse(layer.path("digest").asText()),
                    layer.path("size").asLong()));
        }
        JsonNode base = appJson.path("base");
        return new Side(
                name,
                manifest,
                Digest.parse(appJson.path("imageId").asText()),
                base.path("image").asText(null),
                digestOrNull(base.path("digest").asText(null)),
                layers);
    }

    /** The app's first tag, as image.json names it; it must name a registry. */
    private static String defaultReference(ObjectNode appJson) {
        String image = appJson.path("image").asText();
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

    private Side fromRegistry(String spec, Platform platform) throws IOException {
        ImageReference reference;
        try {
            reference = ImageReference.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    "diffAgainst",
                    "'" + spec + "' is not an image reference (" + e.getMessage() + ").",
                    "use a registry reference (host/repo:tag, repo@sha256:...) or oci:PATH[:TAG].");
        }
        if (registries.offline()) {
            log.info("Maven is offline: comparing with what " + reference + " named when last read on this machine.");
        }
        Optional<RegistryImageSource.Pulled> found;
        try {
            found = new RegistryImageSource(registries).find(reference, platform);
        } catch (Platform.NotOffered e) {
            throw new InvalidParameterException(
                    "diffAgainst",
                    "'" + spec + "': " + e.getMessage() + ".",
                    "name the single-platform image to compare with (repo@sha256:...).");
        } catch (Registries.OfflineException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("cannot read <diffAgainst> " + reference + ": " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            return Side.missing(spec);
        }
        RegistryImageSource.Pulled pulled = found.get();
        List<Descriptor> layers =
                pulled.image().layers().stream().map(Layer::descriptor).toList();
        return side(
                spec,
                pulled.manifest().digest(),
                pulled.config(),
                pulled.image().config(),
                layers);
    }

    /** {@code oci:PATH[:TAG]}; without a tag, the layout's app image (or its only image). */
    private Side fromLayout(String spec, Platform platform) throws IOException {
        LayoutReference reference = LayoutReference.parse(spec, baseDirectory);
        Path dir = reference.directory();
        String tag = reference.tag();
        if (!Files.exists(dir)) {
            return Side.missing(spec);
        }
        OciLayout layout;
        List<Descriptor> entries;
        try {
            layout = OciLayout.open(dir);
            entries = layout.indexEntries();
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidParameterException(
                    "diffAgainst",
                    "'" + spec + "': " + dir + " is not a readable OCI image layout (" + e.getMessage() + ").",
                    "name an OCI image layout, e.g. a saved target/docker-layer/oci of an earlier build.");
        }
        Descriptor entry = pick(spec, entries, tag);
        if (entry == null) {
            return Side.missing(spec);
        }
        ObjectNode manifest =
                Json.parseObject(layout.readBlob(entry.digest()), "manifest " + entry.digest() + " in " + dir);
        Digest manifestDigest = entry.digest();
        if (MediaType.isIndex(entry.mediaType()) || manifest.has("manifests")) {
            Descriptor chosen;
            try {
                chosen = Descriptor.fromJson(
                        platform.select(manifest.path("manifests"), spec + " (a multi-platform index)"));
            } catch (Platform.NotOffered e) {
                throw new InvalidParameterException(
                        "diffAgainst",
                        "'" + spec + "': " + e.getMessage() + ".",
                        "name a layout image for " + platform + ".");
            }
            manifestDigest = chosen.digest();
            manifest = Json.parseObject(layout.readBlob(manifestDigest), "manifest " + manifestDigest + " in " + dir);
        }
        Digest config = Digest.parse(manifest.path("config").path("digest").asText());
        List<Descriptor> layers = new ArrayList<>();
        manifest.path("layers").forEach(layer -> layers.add(Descriptor.fromJson(layer)));
        return side(
                spec,
                manifestDigest,
                config,
                Json.parseObject(layout.readBlob(config), "config " + config + " in " + dir),
                layers);
    }

    /** The index entry a tag names; without a tag, the app's (all its tags name one manifest) or the only one. */
    private static Descriptor pick(String spec, List<Descriptor> entries, String tag) {
        if (tag != null) {
            for (Descriptor entry : entries) {
                String name = entry.annotations().get(Annotations.REF_NAME);
                if (tag.equals(name) || (name != null && name.endsWith(":" + tag))) {
                    return entry;
                }
            }
            return null;
        }
        List<Descriptor> apps = entries.stream()
                .filter(e -> ImageKind.APP.label().equals(e.annotations().get(Annotations.ROLE)))
                .toList();
        if (apps.stream().map(Descriptor::digest).distinct().count() == 1) {
            return apps.get(0);
        }
        if (entries.size() == 1) {
            return entries.get(0);
        }
        if (entries.isEmpty()) {
            return null;
        }
        List<String> names = entries.stream()
                .map(e -> String.valueOf(e.annotations().get(Annotations.REF_NAME)))
                .toList();
        throw new InvalidParameterException(
                "diffAgainst",
                "'" + spec + "' holds " + entries.size() + " images and no single"
                        + " app image, so a tag must choose one (it has: " + names + ").",
                "write oci:PATH:TAG with one of those tags.");
    }

    /** A reference image, its layers' roles read from its config's history and its base from its labels. */
    private static Side side(
            String name, Digest manifest, Digest config, ObjectNode configJson, List<Descriptor> layers) {
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

    private static Platform platformOf(ObjectNode config) {
        return new Platform(
                config.path("architecture").asText(Platform.LINUX_AMD64.architecture()),
                config.path("os").asText(Platform.LINUX_AMD64.os()),
                config.hasNonNull("variant") ? config.path("variant").asText() : null);
    }

    private static Digest digestOrNull(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Digest.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ObjectNode toJson(Result result) {
        ObjectNode root = Json.object();
        Side current = result.current(), reference = result.reference();
        root.put("reference", reference.name());
        root.put("referenceDigest", string(reference.manifest()));
        root.put("baseChanged", result.baseChanged());
        root.put("image", current.name());
        root.put("digest", string(current.manifest()));
        root.put("imageId", string(current.config()));
        root.put("referenceImageId", string(reference.config()));
        ObjectNode base = root.putObject("base");
        base.put("image", current.baseImage());
        base.put("digest", string(current.baseDigest()));
        ObjectNode referenceBase = root.putObject("referenceBase");
        referenceBase.put("image", reference.baseImage());
        referenceBase.put("digest", string(reference.baseDigest()));
        ArrayNode layers = root.putArray("layers");
        for (Row row : result.rows()) {
            ObjectNode node = layers.addObject();
            node.put("role", row.role());
            node.put("digest", string(row.digest()));
            node.put("size", row.size());
            node.put("status", row.status().label());
            node.put("referenceDigest", string(row.referenceDigest()));
        }
        root.put("bytesToPull", result.bytesToPull());
        root.put("bytesToPullClassicStore", result.bytesToPullClassicStore());
        return root;
    }

    private static String string(Digest digest) {
        return digest == null ? null : digest.toString();
    }

    private void logResult(Result result, boolean failOnBaseChange) {
        Side current = result.current(), reference = result.reference();
        synchronized (
                BuildReport.class) { // the build's tables take the same lock: modules run with -T do not interleave
            log.info("Diff of " + current.name() + " " + current.manifest() + " against " + reference.name()
                    + (reference.exists() ? " " + reference.manifest() : ""));
            if (!reference.exists()) {
                log.info("  " + reference.name() + " does not exist (a first build?): every layer is new.");
            }
            log.info(String.format("  %-22s %10s  %-19s  %s", "LAYER", "SIZE", "DIGEST", "STATUS"));
            for (Row row : result.rows()) {
                Digest shown = row.digest() != null ? row.digest() : row.referenceDigest();
                String was = row.status() == Status.CHANGED
                        ? " (was " + row.referenceDigest().toShortString() + ")"
                        : "";
                log.info(String.format(
                        "  %-22s %10s  %-19s  %s",
                        row.role(), Sizes.human(row.size()), shown.toShortString(), row.status() + was));
            }
            String config = !reference.exists()
                    ? "new"
                    : current.config().equals(reference.config())
                            ? "same"
                            : "changed (was " + reference.config().toShortString() + ")";
            log.info(String.format(
                    "  %-22s %10s  %-19s  %s", "config", "", current.config().toShortString(), config));
            if (reference.exists()) {
                log.info(
                        result.baseChanged()
                                ? "  base moved: " + describeBase(reference) + " -> " + describeBase(current)
                                        + (result.baseLayerChanges().isEmpty()
                                                ? ""
                                                : " (" + String.join(", ", result.baseLayerChanges()) + ")")
                                : "  base unchanged: " + describeBase(current));
            }
            Set<Digest> held = new HashSet<>();
            reference.layers().forEach(layer -> held.add(layer.digest()));
            List<String> lacking = current.layers().stream()
                    .filter(layer -> !held.contains(layer.digest()))
                    .map(Entry::role)
                    .toList();
            log.info("A node holding " + reference.name() + " pulls " + Sizes.human(result.bytesToPull())
                    + ", the layers it lacks"
                    + (lacking.isEmpty() ? "" : " (" + String.join(", ", lacking) + ")")
                    + "; an engine with the classic store pulls "
                    + Sizes.human(result.bytesToPullClassicStore())
                    + ", as it also re-fetches the layers stacked above a changed one"
                    + (result.classicStoreRoles().isEmpty()
                            ? ""
                            : " (" + String.join(", ", result.classicStoreRoles()) + ")")
                    + ".");
        }
        if (!reference.exists() && failOnBaseChange) {
            log.warn("failOnBaseChange: " + reference.name()
                    + " does not exist, so there is no base to compare with and the"
                    + " build goes on. Check <diffAgainst> if that image should exist.");
        }
    }

    private static String describeBase(Side side) {
        if (side.baseImage() == null && side.baseDigest() == null) {
            return "unknown (the image has no base labels: not built by this plugin)";
        }
        return side.baseImage() + " (" + (side.baseDigest() == null ? "digest unknown" : side.baseDigest()) + ")";
    }

    private static String baseChangeMessage(Result result, Path file) {
        Side current = result.current(), reference = result.reference();
        List<String> changes = result.baseLayerChanges();
        return "expected no base change (failOnBaseChange), but the base moved relative to " + reference.name() + " ("
                + reference.manifest() + "): the base was " + describeBase(reference) + ", this build's is "
                + describeBase(current)
                + "; base layers: "
                + (changes.isEmpty() ? "all the same (the base's config changed)" : String.join(", ", changes))
                + ". Expected? Then drop -Ddocker-layer.failOnBaseChange (or"
                + " <failOnBaseChange>) for this build, or push the new base deliberately (mvn package docker-layer:base"
                + " docker-layer:image docker-layer:push) before running code-only jobs. Details: " + file + ".";
    }
}
