package io.github.dockerlayer.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.diff.LayerComparison.Entry;
import io.github.dockerlayer.diff.LayerComparison.Result;
import io.github.dockerlayer.diff.LayerComparison.Row;
import io.github.dockerlayer.diff.LayerComparison.Side;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The diff's golden cases: the pure comparison of two layer stacks. */
class LayerComparisonTest {
    private static final Digest BASE_1 = d("base manifest 1");
    private static final Digest BASE_2 = d("base manifest 2");

    private static Digest d(String content) {
        return Digest.sha256(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Entry e(String role, String content, long size) {
        return new Entry(role, d(content), size);
    }

    /** The layers of a typical build: two JRE layers, dependencies, resources, classes, launch. */
    private static List<Entry> layers(String dependencies, String classes) {
        return List.of(
                e("from", "jre 1", 30_000_000),
                e("from", "jre 2", 1_000_000),
                e("dependencies", dependencies, 5_000_000),
                e("resources", "resources", 2_000),
                e("classes", classes, 9_000),
                e("launch", "launch", 500));
    }

    private static Side side(String name, String baseVersion, Digest baseDigest, List<Entry> layers) {
        return new Side(
                name,
                d("manifest " + layers),
                d("config " + layers),
                "r.example/app-base:" + baseVersion,
                baseDigest,
                layers);
    }

    private static List<String> statuses(Result result) {
        return result.rows().stream()
                .map(row -> row.role() + " " + row.status())
                .toList();
    }

    @Test
    void theSameImageIsTheSameEverywhereAndPullsNothing() {
        Result result = LayerComparison.compare(
                side("now", "v1", BASE_1, layers("deps", "classes")),
                side("ref", "v1", BASE_1, layers("deps", "classes")));
        assertEquals(
                List.of("from same", "from same", "dependencies same", "resources same", "classes same", "launch same"),
                statuses(result));
        assertEquals(0, result.bytesToPull());
        assertEquals(0, result.bytesToPullClassicStore());
        assertFalse(result.baseChanged());
    }

    @Test
    void aClassChangePullsTheClassesLayerAndTheClassicStoreAlsoWhatIsAboveIt() {
        Result result = LayerComparison.compare(
                side("now", "v1", BASE_1, layers("deps", "classes 2")),
                side("ref", "v1", BASE_1, layers("deps", "classes 1")));
        assertEquals(
                List.of(
                        "from same",
                        "from same",
                        "dependencies same",
                        "resources same",
                        "classes changed",
                        "launch same"),
                statuses(result));
        Row classes = result.rows().get(4);
        assertEquals(d("classes 2"), classes.digest());
        assertEquals(d("classes 1"), classes.referenceDigest());
        assertEquals(9_000, result.bytesToPull());
        assertEquals(9_000 + 500, result.bytesToPullClassicStore(), "classes and the launch layer stacked on it");
        assertFalse(result.baseChanged());
        assertEquals(List.of(), result.baseLayerChanges());
    }

    @Test
    void aNewDependencyMovesTheBase() {
        Result result = LayerComparison.compare(
                side("now", "v2", BASE_2, layers("deps + gson", "classes")),
                side("ref", "v1", BASE_1, layers("deps", "classes")));
        assertEquals(
                List.of(
                        "from same",
                        "from same",
                        "dependencies changed",
                        "resources same",
                        "classes same",
                        "launch same"),
                statuses(result));
        assertTrue(result.baseChanged());
        assertEquals(List.of("dependencies: changed"), result.baseLayerChanges());
        assertEquals(5_000_000, result.bytesToPull());
        assertEquals(5_000_000 + 2_000 + 9_000 + 500, result.bytesToPullClassicStore());
    }

    @Test
    void theBaseMovesWhenItsLabelsDoEvenWithEveryLayerTheSame() {
        // e.g. the from image's config changed (an environment variable), not its layers: a new base version
        Result version = LayerComparison.compare(
                side("now", "v2", BASE_2, layers("deps", "classes")),
                side("ref", "v1", BASE_1, layers("deps", "classes")));
        assertTrue(version.baseChanged());
        assertEquals(List.of(), version.baseLayerChanges());
        // the same version under another manifest digest (another zlib) is a move too
        assertTrue(LayerComparison.compare(
                        side("now", "v1", BASE_2, layers("deps", "classes")),
                        side("ref", "v1", BASE_1, layers("deps", "classes")))
                .baseChanged());
    }

    @Test
    void aRoleOnlyOneSideHasIsNewOrGoneAndAGoneLayerIsShownWhereItWas() {
        List<Entry> ref = List.of(
                e("from", "jre", 100),
                e("dependencies", "deps", 50),
                e("project-dependencies", "core", 20),
                e("classes", "classes", 10),
                e("launch", "launch", 1));
        List<Entry> now = List.of(
                e("from", "jre", 100),
                e("dependencies", "deps", 50),
                e("snapshot-dependencies", "snap", 30),
                e("classes", "classes", 10),
                e("launch", "launch", 1));
        Result result = LayerComparison.compare(side("now", "v2", BASE_2, now), side("ref", "v1", BASE_1, ref));
        assertEquals(
                List.of(
                        "from same",
                        "dependencies same",
                        "snapshot-dependencies new",
                        "project-dependencies gone",
                        "classes same",
                        "launch same"),
                statuses(result));
        Row gone = result.rows().get(3);
        assertNull(gone.digest());
        assertEquals(d("core"), gone.referenceDigest());
        assertEquals(20, gone.size(), "a gone layer shows the reference's size");
        assertNull(result.rows().get(2).referenceDigest());
        assertEquals(30, result.bytesToPull(), "classes and launch are held already (same digests, one place higher)");
        assertEquals(30 + 10 + 1, result.bytesToPullClassicStore(), "the chain differs from the third layer up");
        assertTrue(result.baseChanged());
        assertEquals(List.of("snapshot-dependencies: new", "project-dependencies: gone"), result.baseLayerChanges());
    }

    @Test
    void aFromImageWithAnotherNumberOfLayersChangesAndLosesFromLayers() {
        List<Entry> ref = List.of(
                e("from", "jre a", 100), e("from", "jre b", 100), e("from", "jre c", 100), e("classes", "classes", 10));
        List<Entry> now = List.of(e("from", "jre a", 100), e("from", "jre b2", 90), e("classes", "classes", 10));
        Result result = LayerComparison.compare(side("now", "v2", BASE_2, now), side("ref", "v1", BASE_1, ref));
        assertEquals(List.of("from same", "from changed", "from gone", "classes same"), statuses(result));
        assertEquals(90, result.bytesToPull());
        assertEquals(90 + 10, result.bytesToPullClassicStore());
    }

    @Test
    void aReferenceThatDoesNotExistMakesEveryLayerNewAndNoBaseChange() {
        Result result = LayerComparison.compare(
                side("now", "v1", BASE_1, layers("deps", "classes")), Side.missing("r.example/app:1"));
        assertEquals(
                List.of("from new", "from new", "dependencies new", "resources new", "classes new", "launch new"),
                statuses(result));
        long all = 30_000_000 + 1_000_000 + 5_000_000 + 2_000 + 9_000 + 500;
        assertEquals(all, result.bytesToPull());
        assertEquals(all, result.bytesToPullClassicStore());
        assertFalse(result.baseChanged(), "nothing to have moved from");
        assertFalse(result.reference().exists());
    }

    @Test
    void aLayerTwiceInTheImageIsPulledOnce() {
        List<Entry> now = List.of(e("from", "jre", 100), e("from", "same bytes", 7), e("from", "same bytes", 7));
        Result result = LayerComparison.compare(
                side("now", "v1", BASE_1, now), side("ref", "v1", BASE_1, List.of(e("from", "jre", 100))));
        assertEquals(7, result.bytesToPull());
        assertEquals(14, result.bytesToPullClassicStore());
    }

    @Test
    void aReferenceWithoutPluginHistoryIsAllFromAndItsBaseMoved() {
        // an image some other tool built: a JRE with our two JRE layers and one more, no labels
        ObjectNode config =
                config(List.of("ADD rootfs.tar /", "RUN apt-get install jre", "COPY app.jar /app/"), List.of());
        List<String> roles = LayerRoles.roles(config, 3);
        assertEquals(List.of("from", "from", "from"), roles);
        Side ref = new Side(
                "other/app:1",
                d("m"),
                d("c"),
                null,
                null,
                List.of(
                        e(roles.get(0), "jre 1", 30_000_000),
                        e(roles.get(1), "jre 2", 1_000_000),
                        e(roles.get(2), "app.jar", 80_000)));
        Result result = LayerComparison.compare(side("now", "v1", BASE_1, layers("deps", "classes")), ref);
        assertEquals(
                List.of(
                        "from same",
                        "from same",
                        "from gone",
                        "dependencies new",
                        "resources new",
                        "classes new",
                        "launch new"),
                statuses(result));
        assertTrue(result.baseChanged());
        assertEquals(5_000_000 + 2_000 + 9_000 + 500, result.bytesToPull());
    }

    /** A config whose history holds a layer entry per {@code createdBy}, after empty-layer entries. */
    private static ObjectNode config(List<String> createdBy, List<String> emptyLayers) {
        ObjectNode config = Json.object();
        ArrayNode history = config.putArray("history");
        emptyLayers.forEach(text -> history.addObject().put("created_by", text).put("empty_layer", true));
        createdBy.forEach(text -> history.addObject().put("created_by", text));
        return config;
    }
}
