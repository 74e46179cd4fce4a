package io.github.dockerlayer.diff;

import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.layer.LayerRole;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The diff's comparison, pure (no I/O): two lists of (role, digest, size) in, a {@link Result} out, saying per layer
 * whether it is the same, changed, new or gone, and how many bytes a node holding the reference pulls. Layers are
 * matched by their place in the stack: the same role, and for the from image's layers the same one of them counted from
 * the bottom.
 */
public final class LayerComparison {
    private LayerComparison() {}

    /** The roles of the base image's layers: a change among them is a base change. */
    public static final Set<String> BASE_ROLES = Set.of(
            LayerRole.FROM.label(),
            LayerRole.DEPENDENCIES.label(),
            LayerRole.SNAPSHOT_DEPENDENCIES.label(),
            LayerRole.PROJECT_DEPENDENCIES.label());

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

        /** Whether the image exists (it has a manifest). */
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
     * What the comparison found.
     *
     * @param current this build's image
     * @param reference the reference (which may not exist)
     * @param rows one per layer, bottom first, gone layers where they were
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
}
