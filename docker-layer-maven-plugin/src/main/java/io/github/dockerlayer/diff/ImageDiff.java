package io.github.dockerlayer.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.blob.AtomicFiles;
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
import io.github.dockerlayer.layer.LayerRole;
import io.github.dockerlayer.layout.LayoutReference;
import io.github.dockerlayer.layout.OciLayout;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.log.Sizes;
import io.github.dockerlayer.record.ImageKind;
import io.github.dockerlayer.registry.Registries;
import io.github.dockerlayer.registry.RegistryImageSource;
import io.github.dockerlayer.report.LayerTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the app image just built ({@code target/docker-layer}: image.json, base.json, the layout) with a reference
 * (the app's first tag as its registry has it, another registry reference, or an image in an OCI layout), layer by
 * layer, and says what a node holding the reference must pull to update, and whether the base moved. Writes
 * {@code diff.json} and a table in the log.
 *
 * <p>The comparison itself ({@link #compare}, {@link #roles}) is pure: two lists of (role, digest, size) in, a
 * {@link Result} out. Layers are matched by their place in the stack: the same role, and for the from image's layers
 * the same one of them counted from the bottom.
 */
public final class ImageDiff {
    /** The roles of the base image's layers: a change among them is a base change. */
    public static final Set<String> BASE_ROLES = Set.of(
            LayerRole.FROM.label(),
            LayerRole.DEPENDENCIES.label(),
            LayerRole.SNAPSHOT_DEPENDENCIES.label(),
            LayerRole.PROJECT_DEPENDENCIES.label());

    /** The role of a reference layer above the plugin's first one that no plugin history entry names. */
    public static final String OTHER_ROLE = "other";

    /** What happened to a layer between the reference and this build. */
    public enum Status {
        /** The same digest in the same place (role) of the stack. */
        SAME,
        /** The same role, another digest. */
        CHANGED,
        /** A role the reference lacks. */
        NEW,
        /** A role only the reference has. */
        GONE;

        /** The name in lower case, as diff.json and the log write it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return label();
        }
    }

    /** A layer as the diff sees it: what it holds and its compressed blob. */
    public record Entry(String role, Digest digest, long size) {}

    /**
     * One of the two images compared.
     *
     * @param name the reference it was read by (this build's: image.json's {@code image})
     * @param manifest its manifest digest; null for a reference that does not exist
     * @param config its config digest (image ID), or null when it does not exist
     * @param baseImage the base it names ({@code repo:version}), or null when unknown (an image not built by the plugin)
     * @param baseDigest the base's manifest digest, or null when unknown
     * @param layers bottom first
     */
    public record Side(
            String name, Digest manifest, Digest config, String baseImage, Digest baseDigest, List<Entry> layers) {
        public Side {
            layers = List.copyOf(layers);
        }

        /** A reference that names no image (a first build). */
        public static Side missing(String name) {
            return new Side(name, null, null, null, null, List.of());
        }

        public boolean exists() {
            return manifest != null;
        }

        /** The base version: the tag of {@link #baseImage}, or null. */
        public String baseVersion() {
            if (baseImage == null) {
                return null;
            }
            try {
                return ImageReference.parse(baseImage).tag();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /**
     * One row of the diff.
     *
     * @param digest this build's layer; null when {@link Status#GONE}
     * @param size this build's layer's compressed size (for a gone layer, the reference's)
     * @param referenceDigest the reference's layer in the same place, or null when {@link Status#NEW}
     */
    public record Row(String role, Digest digest, long size, Status status, Digest referenceDigest) {}

    /**
     * @param baseChanged whether the base moved: its version or digest (the app's base labels) differ, or a base layer
     *     is not the same; false when the reference does not exist
     * @param bytesToPull the compressed sizes of this build's layers whose blobs the reference lacks: what a node
     *     holding the reference pulls when it stores blobs by digest (containerd's content store)
     * @param bytesToPullClassicStore the sizes of every layer from the first one that differs upward: what an engine
     *     with the classic store pulls, as it keeps layers as a chain and reuses one only when all below it are equal
     */
    public record Result(
            Side current,
            Side reference,
            List<Row> rows,
            boolean baseChanged,
            long bytesToPull,
            long bytesToPullClassicStore) {
        public Result {
            rows = List.copyOf(rows);
        }

        /** The roles of the layers an engine with the classic store pulls: from the first that differs upward. */
        public List<String> classicStoreRoles() {
            List<Entry> ours = current.layers();
            return ours.subList(firstDifference(ours, reference.layers()), ours.size()).stream()
                    .map(Entry::role)
                    .toList();
        }

        /** The base layers that are not the same, e.g. {@code dependencies: changed}. */
        public List<String> baseLayerChanges() {
            return rows.stream()
                    .filter(row -> BASE_ROLES.contains(row.role()) && row.status() != Status.SAME)
                    .map(row -> row.role() + ": " + row.status())
                    .toList();
        }
    }

    /** Compares this build's image with the reference (which may not exist). */
    public static Result compare(Side current, Side reference) {
        List<Entry> ours = current.layers();
        List<Entry> theirs = reference.layers();
        Map<String, Integer> theirPlaces = new HashMap<>();
        List<String> theirKeys = places(theirs);
        for (int j = 0; j < theirKeys.size(); j++) {
            theirPlaces.put(theirKeys.get(j), j);
        }
        List<Row> rows = new ArrayList<>();
        List<Integer> rowPlaces = new ArrayList<>(); // the reference index each row matched, or null
        Set<Integer> matched = new HashSet<>();
        List<String> ourKeys = places(ours);
        for (int i = 0; i < ours.size(); i++) {
            Entry layer = ours.get(i);
            Integer j = theirPlaces.get(ourKeys.get(i));
            if (j == null) {
                rows.add(new Row(layer.role(), layer.digest(), layer.size(), Status.NEW, null));
            } else {
                matched.add(j);
                Digest was = theirs.get(j).digest();
                rows.add(new Row(
                        layer.role(),
                        layer.digest(),
                        layer.size(),
                        was.equals(layer.digest()) ? Status.SAME : Status.CHANGED,
                        was));
            }
            rowPlaces.add(j);
        }
        // A gone layer is shown where it was: before the first row that matched a reference layer above it, else
        // after the last one that matched a layer below it.
        for (int j = 0; j < theirs.size(); j++) {
            if (matched.contains(j)) {
                continue;
            }
            int at = -1;
            int after = rows.size();
            for (int r = 0; r < rows.size(); r++) {
                Integer place = rowPlaces.get(r);
                if (place != null && place > j && at < 0) {
                    at = r;
                }
                if (place != null && place < j) {
                    after = r + 1;
                }
            }
            at = at >= 0 ? at : after;
            Entry gone = theirs.get(j);
            rows.add(at, new Row(gone.role(), null, gone.size(), Status.GONE, gone.digest()));
            rowPlaces.add(at, j);
        }

        Set<Digest> held = new HashSet<>();
        theirs.forEach(layer -> held.add(layer.digest()));
        long toPull = 0;
        Set<Digest> counted = new HashSet<>();
        for (Entry layer : ours) {
            if (!held.contains(layer.digest()) && counted.add(layer.digest())) {
                toPull += layer.size();
            }
        }
        long classic = 0;
        for (int i = firstDifference(ours, theirs); i < ours.size(); i++) {
            classic += ours.get(i).size();
        }

        boolean baseChanged = false;
        if (reference.exists()) {
            boolean labelsMoved = reference.baseDigest() != null
                    && (!reference.baseDigest().equals(current.baseDigest())
                            || !Objects.equals(reference.baseVersion(), current.baseVersion()));
            boolean layersMoved =
                    rows.stream().anyMatch(row -> BASE_ROLES.contains(row.role()) && row.status() != Status.SAME);
            baseChanged = labelsMoved || layersMoved;
        }
        return new Result(current, reference, rows, baseChanged, toPull, classic);
    }

    /** The first position (from the bottom) where the two stacks differ; from there up, the layer chains do. */
    private static int firstDifference(List<Entry> ours, List<Entry> theirs) {
        int i = 0;
        while (i < ours.size()
                && i < theirs.size()
                && ours.get(i).digest().equals(theirs.get(i).digest())) {
            i++;
        }
        return i;
    }

    /** Each layer's place in the stack: its role, and for a role held by several layers (from), which one. */
    private static List<String> places(List<Entry> layers) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (Entry layer : layers) {
            int n = seen.merge(layer.role(), 1, Integer::sum);
            keys.add(layer.role() + "#" + n);
        }
        return keys;
    }

    /**
     * The roles of an image's layers, from its config's history: an entry the plugin wrote ({@code docker-layer:base
     * dependencies}, {@code docker-layer:image classes}) gives its role; layers below the first such layer are
     * {@code from}; any other layer above it is {@value #OTHER_ROLE}. History entries marked {@code empty_layer} make
     * no layer; the rest are matched to the layers from the top, so a from image whose history lacks entries for its
     * own layers still gives the plugin's layers their roles. An image without plugin history is all {@code from}.
     */
    public static List<String> roles(JsonNode config, int layerCount) {
        List<String> createdBy = new ArrayList<>();
        for (JsonNode entry : config.path("history")) {
            if (!entry.path("empty_layer").asBoolean(false)) {
                createdBy.add(entry.path("created_by").asText(""));
            }
        }
        String[] roles = new String[layerCount];
        for (int k = 1; k <= Math.min(layerCount, createdBy.size()); k++) {
            roles[layerCount - k] = pluginRole(createdBy.get(createdBy.size() - k));
        }
        int first = 0;
        while (first < layerCount && roles[first] == null) {
            first++;
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < layerCount; i++) {
            result.add(roles[i] != null ? roles[i] : i < first ? LayerRole.FROM.label() : OTHER_ROLE);
        }
        return result;
    }

    /** The role a history entry of the plugin names, or null for any other entry. */
    private static String pluginRole(String createdBy) {
        for (String prefix : List.of("docker-layer:base ", "docker-layer:image ")) {
            if (createdBy.startsWith(prefix)) {
                try {
                    return LayerRole.of(createdBy.substring(prefix.length()).trim())
                            .label();
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reading the two images, writing diff.json and the log
    // ---------------------------------------------------------------------------------------------------------------

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

        Result result = compare(current, reference);
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
        List<String> roles = roles(configJson, layers.size());
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
        synchronized (LayerTable.LOCK) { // the build's tables take the same lock: modules run with -T do not interleave
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
