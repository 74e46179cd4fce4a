package io.github.dockerlayer.push;

import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.log.Sizes;
import io.github.dockerlayer.record.BuildRecord;
import io.github.dockerlayer.record.LayerRecord;
import io.github.dockerlayer.record.ManifestRecord;
import io.github.dockerlayer.record.PushRecord;
import io.github.dockerlayer.registry.PushStatus;
import io.github.dockerlayer.registry.RegistryImageSink;
import io.github.dockerlayer.report.LayerTable;
import java.util.ArrayList;
import java.util.List;

/** What a push did, told: the records completed with it, layer by layer, and the log's tables and totals. */
final class PushReport {
    private PushReport() {}

    /** The record completed with what the push did: per layer, and for the whole image. */
    static BuildRecord pushed(BuildRecord record, ImageReference reference, RegistryImageSink.Pushed pushed) {
        List<LayerRecord> layers = new ArrayList<>();
        for (LayerRecord layer : record.manifest().layers()) {
            RegistryImageSink.BlobPush result = pushed.blobs().get(layer.digest());
            layers.add(result == null ? layer : layer.withPush(result.status().label(), result.bytesSent()));
        }
        RegistryImageSink.BlobPush config = pushed.blobs().get(record.manifest().imageId());
        PushRecord push = new PushRecord(
                null,
                reference.registryHost(),
                reference.remoteRepository(),
                pushed.manifest().toString(),
                pushed.manifestStatus().label(),
                config == null ? PushStatus.PRESENT.label() : config.status().label(),
                pushed.bytesSent());
        ManifestRecord manifest =
                new ManifestRecord(record.manifest().digest(), record.manifest().imageId(), layers);
        return record.withPush(manifest, push);
    }

    /** The push's layer table: role, size, digest, what the push did, bytes sent; the config's row last. */
    private static void logTable(BuildLog log, String title, BuildRecord record, RegistryImageSink.Pushed pushed) {
        synchronized (LayerTable.LOCK) { // modules pushed with -T do not interleave their tables
            log.info(title + " " + record.image() + " " + pushed.manifest() + " (manifest " + pushed.manifestStatus()
                    + ")");
            log.info(LayerTable.pushHeader());
            for (LayerRecord layer : record.manifest().layers()) {
                log.info(LayerTable.pushRow(
                        layer.role(),
                        Sizes.human(layer.size()),
                        layer.digest().toShortString(),
                        layer.push() == null ? "?" : layer.push(),
                        Sizes.human(layer.bytesSent() == null ? 0 : layer.bytesSent())));
            }
            Digest config = record.manifest().imageId();
            RegistryImageSink.BlobPush configPush = pushed.blobs().get(config);
            log.info(LayerTable.pushRow(
                    "config",
                    "",
                    config.toShortString(),
                    record.push() == null ? "" : record.push().config(),
                    Sizes.human(configPush == null ? 0 : configPush.bytesSent())));
        }
    }

    /**
     * Logs what the push did, after {@link #pushed} completed the records: the base's table when this module
     * pushed it (not when the registry held it already: the push said so in one line), the app's table, and the
     * bytes sent, saying what became of the base: pushed here, pushed by another module of the build, or there already.
     *
     * @param pushedHere whether this module pushed the base (or found it present), not another module of the build
     */
    static void logPushed(
            BuildLog log,
            ImageReference baseRef,
            BuildRecord baseRecord,
            RegistryImageSink.Pushed basePush,
            boolean pushedHere,
            BuildRecord appRecord,
            RegistryImageSink.Pushed appPush) {
        boolean baseWasThere = heldAlready(basePush);
        if (pushedHere && !baseWasThere) {
            logTable(log, "Pushed base", baseRecord, basePush);
        }
        logTable(log, "Pushed app", appRecord, appPush);
        String app = Sizes.human(appPush.bytesSent());
        if (baseWasThere) {
            log.info(String.format("Push sent %s (app; the base %s was in the registry already)", app, baseRef));
        } else if (pushedHere) {
            log.info(String.format(
                    "Push sent %s in all (base %s, app %s)",
                    Sizes.human(basePush.bytesSent() + appPush.bytesSent()), Sizes.human(basePush.bytesSent()), app));
        } else {
            log.info(String.format(
                    "Push sent %s (app; the base %s was pushed by another module of this build)", app, baseRef));
        }
    }

    /** Whether the registry held the whole image already: its manifest and every blob present, nothing sent. */
    private static boolean heldAlready(RegistryImageSink.Pushed pushed) {
        return pushed.manifestStatus() == PushStatus.PRESENT
                && pushed.blobs().values().stream().allMatch(blob -> blob.status() == PushStatus.PRESENT);
    }
}
