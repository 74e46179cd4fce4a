package io.github.dockerlayer.assemble;

import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.layer.LayerCache;
import io.github.dockerlayer.layer.LayerPlan;
import io.github.dockerlayer.layout.OciLayout;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.log.Sizes;
import io.github.dockerlayer.record.BuiltLayer;
import io.github.dockerlayer.record.LayerStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;

/**
 * Builds planned layers into one layout, or takes them from the layer cache, saying in the log what it builds and
 * how long that took, and telling each layer's status against what the layout held before this build.
 */
final class LayerBuilder {
    private final LayerCache cache;
    private final Set<Digest> present;
    private final BuildLog log;

    /** For {@code layout} and the request's cache; what the layout holds now is what "before" means. */
    LayerBuilder(BuildRequest request, OciLayout layout, BuildLog log) throws IOException {
        this.cache = new LayerCache(request.files().cache(), layout.store());
        this.present = layout.blobDigests();
        this.log = log;
    }

    /** The layer cache (of the layout's blob store). */
    LayerCache cache() {
        return cache;
    }

    /** Whether the layout held the blob with {@code digest} before this build. */
    boolean present(Digest digest) {
        return present.contains(digest);
    }

    /**
     * The planned layer from the cache or built now; {@code imageName} says in the log whose layer it is (modules built
     * in parallel interleave their lines).
     */
    BuiltLayer layer(LayerPlan.PlannedLayer planned, Instant mtime, String imageName) throws IOException {
        long started = System.nanoTime();
        LayerCache.Result result = cache.layer(planned.entries(), mtime, () -> {
            long bytes = 0;
            for (var entry : planned.entries()) {
                bytes += entry.source() != null ? entry.source().toFile().length() : entry.content().length;
            }
            int files = planned.entries().size();
            log.info(String.format(
                    "Building %s layer of %s: %d file%s, %s",
                    planned.role(), imageName, files, files == 1 ? "" : "s", Sizes.human(bytes)));
        });
        if (result.reused()) {
            return new BuiltLayer(planned.role(), result.layer(), LayerStatus.REUSED);
        }
        log.info(String.format(
                "Built %s layer of %s in %d ms", planned.role(), imageName, (System.nanoTime() - started) / 1_000_000));
        return new BuiltLayer(
                planned.role(),
                result.layer(),
                present.contains(result.layer().digest()) ? LayerStatus.UNCHANGED : LayerStatus.NEW);
    }
}
