package io.github.dockerlayer.record;

import io.github.dockerlayer.image.Digest;
import java.util.List;

/**
 * One image manifest as a build record describes it: the part of {@code base.json} / {@code image.json} that is per
 * image, so that a record can later list one for each platform of an index.
 *
 * @param digest the manifest's digest (after a push by the layout, the one the registry holds)
 * @param imageId the config's digest
 * @param layers the layers, bottom first
 */
public record ManifestRecord(Digest digest, Digest imageId, List<LayerRecord> layers) {
    public ManifestRecord {
        layers = List.copyOf(layers);
    }
}
