package io.github.dockerlayer.assemble;

import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.layer.LayerChanges;
import io.github.dockerlayer.layer.LayerPlan;
import io.github.dockerlayer.layer.LayerRole;
import io.github.dockerlayer.layout.OciLayout;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.record.BuildRecords;
import io.github.dockerlayer.record.BuiltLayer;
import io.github.dockerlayer.record.ImageKind;
import io.github.dockerlayer.record.LayerRecord;
import io.github.dockerlayer.record.LayerStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Says which files moved an app layer that holds no classes (resources, extra directories) against the previous
 * build's: a code change should move the classes alone, and a resource written anew on every build (Spring Boot's
 * build-info {@code build.time}, a generated timestamp) moves its layer, and so every push and pull, each time.
 */
final class LayerMoves {
    private static final Set<LayerRole> TOLD = Set.of(LayerRole.RESOURCES, LayerRole.EXTRA_DIRECTORIES);
    private static final int MOST = 5;

    private final Map<LayerRole, Digest> previous = new HashMap<>();
    private final OciLayout layout;
    private final BuildLog log;

    /** The previous build's app layers, from its {@code image.json} (none when there is none or it cannot be read). */
    LayerMoves(Path imageJson, OciLayout layout, BuildLog log) {
        this.layout = layout;
        this.log = log;
        try {
            if (Files.isRegularFile(imageJson)) {
                for (LayerRecord layer :
                        BuildRecords.read(imageJson, ImageKind.APP).manifest().layers()) {
                    LayerRole role = LayerRole.of(layer.role());
                    if (TOLD.contains(role)) {
                        previous.put(role, layer.digest());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            previous.clear(); // an unreadable record: nothing to compare with
        }
    }

    /** Logs which files moved {@code built}, a layer this build made anew, when its role holds no classes. */
    void tell(LayerPlan.PlannedLayer planned, BuiltLayer built, String imageName) {
        Digest before = previous.get(planned.role());
        if (before == null || built.status() != LayerStatus.NEW || !layout.hasBlob(before)) {
            return;
        }
        List<String> changes;
        try (InputStream in = layout.store().blob(before).open()) {
            changes = LayerChanges.between(in, planned.entries());
        } catch (IOException | RuntimeException e) {
            return; // telling why is a courtesy; the build goes on
        }
        if (changes.isEmpty()) {
            return;
        }
        log.info("The " + planned.role() + " layer of " + imageName + " moved, not by a class: "
                + String.join(", ", changes.subList(0, Math.min(MOST, changes.size())))
                + (changes.size() > MOST ? " and " + (changes.size() - MOST) + " more" : "")
                + ". If such a file is written anew on every build, it moves this layer (and every push and pull) each"
                + " time: Spring Boot's build-info writes build.time unless <project.build.outputTimestamp> is set; set"
                + " it (e.g. 2024-01-01T00:00:00Z) so that the layer moves only when its content does.");
    }
}
