package io.github.dockerlayer.diff;

import io.github.dockerlayer.diff.LayerComparison.Entry;
import io.github.dockerlayer.diff.LayerComparison.Result;
import io.github.dockerlayer.diff.LayerComparison.Row;
import io.github.dockerlayer.diff.LayerComparison.Side;
import io.github.dockerlayer.diff.LayerComparison.Status;
import io.github.dockerlayer.failure.Invocation;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.log.Sizes;
import io.github.dockerlayer.report.LayerTable;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The diff in words: the log table, and the failure message when the base moved. */
final class DiffTable {
    private DiffTable() {}

    /**
     * Logs the table: a row per layer, the config, whether the base moved, and what a node holding the reference pulls;
     * with {@code failOnBaseChange}, warns when there was no reference to compare the base with.
     */
    static void log(Result result, boolean failOnBaseChange, BuildLog log) {
        Side current = result.current(), reference = result.reference();
        synchronized (LayerTable.LOCK) { // the build's tables take the same lock: modules run with -T do not interleave
            log.info("Diff of " + current.name() + " " + current.manifest() + " against " + reference.name()
                    + (reference.exists() ? " " + reference.manifest() : ""));
            if (!reference.exists()) {
                log.info("  " + reference.name() + " does not exist (a first build?): every layer is new.");
            }
            log.info(LayerTable.header());
            for (Row row : result.rows()) {
                Digest shown = row.digest() != null ? row.digest() : row.referenceDigest();
                String was = row.status() == Status.CHANGED
                        ? " (was " + row.referenceDigest().toShortString() + ")"
                        : "";
                log.info(
                        LayerTable.row(row.role(), Sizes.human(row.size()), shown.toShortString(), row.status() + was));
            }
            String config = !reference.exists()
                    ? "new"
                    : current.config().equals(reference.config())
                            ? "same"
                            : "changed (was " + reference.config().toShortString() + ")";
            log.info(LayerTable.row("config", "", current.config().toShortString(), config));
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

    /** The failure when the base moved and {@code failOnBaseChange} is set; {@code file} is diff.json. */
    static String baseChangeMessage(Result result, Path file) {
        Side current = result.current(), reference = result.reference();
        List<String> changes = result.baseLayerChanges();
        return "expected no base change (failOnBaseChange), but the base moved relative to " + reference.name() + " ("
                + reference.manifest() + "): the base was " + describeBase(reference) + ", this build's is "
                + describeBase(current)
                + "; base layers: "
                + (changes.isEmpty() ? "all the same (the base's config changed)" : String.join(", ", changes))
                + ". Expected? Then drop " + Invocation.parameter("failOnBaseChange") + " (or"
                + " <failOnBaseChange>) for this build, or push the new base deliberately ("
                + Invocation.goals(List.of("base", "image", "push")) + ") before running code-only jobs. Details: "
                + file + ".";
    }
}
