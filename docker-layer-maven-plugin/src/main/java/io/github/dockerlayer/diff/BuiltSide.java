package io.github.dockerlayer.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.diff.LayerComparison.Entry;
import io.github.dockerlayer.diff.LayerComparison.Side;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.layout.OciLayout;
import io.github.dockerlayer.record.BuildRecord;
import io.github.dockerlayer.record.BuildRecords;
import io.github.dockerlayer.record.ImageKind;
import io.github.dockerlayer.record.OutputFiles;
import io.github.dockerlayer.record.RecordCheck;
import java.io.IOException;
import java.util.List;

/**
 * This build's side of the diff: the records {@code image.json} and {@code base.json} ({@link BuildRecords}) and the
 * layout under {@code target/docker-layer}, checked once ({@link RecordCheck}) to describe one build.
 *
 * @param side the app image as the comparison takes it
 * @param platform the platform the app was built for (its config's)
 */
record BuiltSide(Side side, Platform platform) {
    /**
     * Reads the app image the records describe, checked against each other and against its manifest in the layout.
     *
     * @throws IOException when they do not describe one build (the goals ran apart, or the layout changed since)
     */
    static BuiltSide read(OutputFiles files) throws IOException {
        BuildRecord app = BuildRecords.read(files.imageJson(), ImageKind.APP);
        BuildRecord base = BuildRecords.read(files.baseJson(), ImageKind.BASE);
        RecordCheck.sameBase(base, app, "diff");
        Image image = RecordCheck.inLayout(app, OciLayout.open(files.layout()), "diff");
        List<Entry> layers = app.manifest().layers().stream()
                .map(layer -> new Entry(layer.role(), layer.digest(), layer.size()))
                .toList();
        Side side = new Side(
                app.image(),
                app.manifest().digest(),
                app.manifest().imageId(),
                app.parent().image(),
                ReferenceSide.digestOrNull(app.parent().digest()),
                layers);
        return new BuiltSide(side, platformOf(image.config()));
    }

    private static Platform platformOf(ObjectNode config) {
        return new Platform(
                config.path("architecture").asText(Platform.LINUX_AMD64.architecture()),
                config.path("os").asText(Platform.LINUX_AMD64.os()),
                config.hasNonNull("variant") ? config.path("variant").asText() : null);
    }
}
