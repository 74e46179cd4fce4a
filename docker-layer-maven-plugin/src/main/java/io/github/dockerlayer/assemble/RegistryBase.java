package io.github.dockerlayer.assemble;

import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.layer.LayerCache;
import io.github.dockerlayer.layer.LayerPlan;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.registry.RegistryImageSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Adoption of a base the target registry already holds (the fresh CI runner): when {@code base} names a registry that
 * holds a base with exactly the config this build would write, its layers are taken from there, neither built nor
 * downloaded.
 *
 * @param registry where to look, or null when this run does not push (then nothing is adopted)
 */
record RegistryBase(BuildRequest request, BuildLog log, RegistryImageSource registry) {
    /**
     * The base as the target registry already holds it, with exactly the config and manifest this build would write,
     * or null to build its layers here. Asked only when some dependency layer is not built yet (a fresh CI runner, a
     * new dependency), {@code base} names a registry, and this run pushes: the config depends only on the layers'
     * uncompressed tars, which are hashed without compressing or storing them, so a runner with an empty cache learns
     * the base version, finds the base in the registry and takes its layers from there, neither building nor
     * downloading them. Any failure to ask is logged and the layers are built as usual.
     */
    Image adopt(Image from, List<LayerPlan.PlannedLayer> planned, LayerCache cache) throws IOException {
        if (registry == null || planned.isEmpty()) {
            return null;
        }
        if (request.base().registry() == null) {
            log.debug("<base> " + request.base() + " names no registry: its layers are built here.");
            return null;
        }
        List<Layer> placeholders = new ArrayList<>();
        boolean allBuilt = true;
        for (LayerPlan.PlannedLayer layer : planned) {
            Layer built = cache.cached(layer.entries(), Parameters.FIXED_EPOCH);
            allBuilt &= built != null;
            // Only the diffId goes into the config; the descriptor of a layer not built is never used.
            Digest diffId = built != null ? built.diffId() : cache.diffId(layer.entries(), Parameters.FIXED_EPOCH);
            placeholders.add(
                    built != null ? built : new Layer(new Descriptor(MediaType.OCI_LAYER_GZIP, diffId, 0), diffId));
        }
        if (allBuilt) {
            return null;
        }
        Image candidate = BaseBuild.image(from, planned, placeholders);
        ImageReference reference = request.base().withTag(BaseBuild.version(request, candidate));
        Optional<RegistryImageSource.Pulled> found;
        try {
            found = registry.find(reference, request.platform());
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            log.info("Could not look for " + reference + " in its registry (" + e.getMessage()
                    + "); building its layers here.");
            return null;
        }
        if (found.isEmpty()) {
            log.info(reference + " is not in its registry yet: building its layers here.");
            return null;
        }
        RegistryImageSource.Pulled pulled = found.get();
        Digest ours = candidate.configDescriptor().digest();
        if (!pulled.config().equals(ours)) {
            log.info(reference + " in the registry holds other content than this build's base (config "
                    + pulled.config().toShortString() + ", here " + ours.toShortString()
                    + "); building its layers here.");
            return null;
        }
        // Equal configs mean equal diffIds, so the registry's layers are this base's layers; the manifest must be the
        // one this build would write from them, or the app would name a base manifest the registry does not hold.
        Image adopted = Images.of(candidate.config(), pulled.image().layers());
        if (!adopted.manifestDescriptor().digest().equals(pulled.manifest().digest())) {
            log.info(reference + " is in the registry with the same content but a manifest of another form ("
                    + pulled.manifest().mediaType() + "); building its layers here.");
            return null;
        }
        log.info("Base " + reference + " is in the registry with the same content: its layers are taken from there,"
                + " not built.");
        return adopted;
    }
}
