package io.github.dockerlayer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.layer.LayerRole;
import io.github.dockerlayer.record.BuiltImage;
import io.github.dockerlayer.record.BuiltLayer;
import io.github.dockerlayer.record.LayerStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end-of-build summary, from image.json records as the image and push goals leave them. */
class BuildSummaryTest {
    @TempDir
    Path temp;

    private static final String JRE = "sha256:" + "a".repeat(64);
    private static final String JRE_TOP = "sha256:" + "f".repeat(64);
    private static final String DEPS = "sha256:" + "b".repeat(64);

    /** An image.json as the image goal writes it (push: as the push goal completes it). */
    private Path record(String name, String classes, boolean pushed) throws IOException {
        Path output = temp.resolve(name);
        Files.createDirectories(output);
        String push = pushed ? ", \"push\": \"%s\", \"bytesSent\": %d" : "";
        String json = """
                {"image": "127.0.0.1:5000/shop/%1$s:1.0", "tags": ["1.0", "latest"], "digest": "sha256:%2$s",
                 "base": {"image": "127.0.0.1:5000/shop/base:3f2a1b2c3d4e", "digest": "sha256:%3$s"},
                 "layers": [
                   {"role": "from", "digest": "%4$s", "size": 100000000 %5$s},
                   {"role": "from", "digest": "%11$s", "size": 20000000 %5$s},
                   {"role": "dependencies", "digest": "%6$s", "size": 30000000 %7$s},
                   {"role": "classes", "digest": "%8$s", "size": 1200 %9$s}]
                 %10$s}
                """.formatted(
                        name,
                        "1".repeat(64),
                        "2".repeat(64),
                        JRE,
                        push.formatted("mounted", 0),
                        DEPS,
                        push.formatted("present", 0),
                        classes,
                        push.formatted("uploaded", 1200),
                        pushed
                                ? ", \"push\": {\"registry\": \"127.0.0.1:5000\", \"repository\": \"shop/" + name
                                        + "\", \"bytesSent\": 2900}"
                                : "",
                        JRE_TOP);
        Files.writeString(output.resolve("image.json"), json);
        return output;
    }

    private static BuiltImage built(LayerStatus... statuses) {
        Image image = Images.scratch();
        List<BuiltLayer> layers = java.util.Arrays.stream(statuses)
                .map(s -> new BuiltLayer(LayerRole.CLASSES, null, s))
                .toList();
        return new BuiltImage(ImageReference.parse("x/y:1"), List.of("1"), image, null, layers);
    }

    @Test
    void sharedLayersCountOnceInWhatAFreshNodePulls() throws IOException {
        BuildSummary summary = new BuildSummary(List.of("orders", "billing"), BuildSummary.newState());
        summary.built(
                "billing",
                record("billing", "sha256:" + "d".repeat(64), false),
                built(LayerStatus.REMOTE, LayerStatus.REMOTE, LayerStatus.REUSED, LayerStatus.REUSED));
        summary.built(
                "orders",
                record("orders", "sha256:" + "c".repeat(64), true),
                built(LayerStatus.REMOTE, LayerStatus.REMOTE, LayerStatus.REUSED, LayerStatus.NEW));
        summary.pushed("orders", temp.resolve("orders"));
        List<String> lines = summary.lines();
        String all = String.join("\n", lines);
        assertEquals("docker-layer summary: 2 images", lines.get(0));
        assertTrue(
                all.contains("  orders: 127.0.0.1:5000/shop/orders:1.0 sha256:111111111111 (tags 1.0, latest)"), all);
        assertTrue(all.contains("    on 127.0.0.1:5000/shop/base:3f2a1b2c3d4e sha256:222222222222"), all);
        assertTrue(
                all.contains(
                        "from left in the registry, mounted (x2) | dependencies reused, present | classes built, uploaded 1.2 kB"),
                all);
        assertTrue(all.contains("classes reused\n"), "billing was not pushed, so no push words: " + all);
        assertTrue(all.contains("pushed to 127.0.0.1:5000/shop/orders: 2.9 kB sent"), all);
        // JRE 100 MB + 20 MB, dependencies 30 MB once, two classes layers of 1.2 kB each.
        assertTrue(
                all.contains(
                        "A fresh node pulls 150.0 MB to run the 2 images (5 distinct layers; 300.0 MB if no layer were shared)."),
                all);
        assertTrue(
                all.indexOf("  orders: ") < all.indexOf("  billing: "),
                "in reactor order, not as they finished: " + all);
        assertTrue(all.contains("1 of the images were not pushed in this build."), all);
    }

    @Test
    void whatTheBaseGoalDidIsWhatTheSummarySaysNotTheImageGoalsReuse() throws IOException {
        BuildSummary summary = new BuildSummary(List.of("orders"), BuildSummary.newState());
        summary.baseBuilt("orders", built(LayerStatus.IMPORTED, LayerStatus.IMPORTED, LayerStatus.NEW));
        assertTrue(summary.isEmpty(), "a base alone is no image of the summary");
        summary.built(
                "orders",
                record("orders", "sha256:" + "c".repeat(64), false),
                built(LayerStatus.REUSED, LayerStatus.REUSED, LayerStatus.REUSED, LayerStatus.NEW));
        String all = String.join("\n", summary.lines());
        assertEquals("docker-layer summary: 1 image", summary.lines().get(0));
        assertTrue(all.contains("from imported (x2) | dependencies built | classes built"), all);
    }

    @Test
    void anUnreadableRecordIsSaidNotHidden() {
        BuildSummary summary = new BuildSummary(List.of("orders", "billing"), BuildSummary.newState());
        summary.built("gone", temp.resolve("missing"), built(LayerStatus.NEW));
        String all = String.join("\n", summary.lines());
        assertTrue(all.contains("gone: cannot read " + temp.resolve("missing").resolve("image.json")), all);
    }
}
