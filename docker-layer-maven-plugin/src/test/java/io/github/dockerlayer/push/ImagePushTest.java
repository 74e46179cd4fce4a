package io.github.dockerlayer.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.log.RecordingLog;
import io.github.dockerlayer.record.BuildRecord;
import io.github.dockerlayer.record.ImageKind;
import io.github.dockerlayer.record.LayerRecord;
import io.github.dockerlayer.record.ManifestRecord;
import io.github.dockerlayer.record.ParentRecord;
import io.github.dockerlayer.record.PushRecord;
import io.github.dockerlayer.registry.PushStatus;
import io.github.dockerlayer.registry.RegistryImageSink.BlobPush;
import io.github.dockerlayer.registry.RegistryImageSink.Pushed;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the push says it did, from the records it completed: each fact once, and as it happened. */
class ImagePushTest {
    private static final ImageReference BASE = ImageReference.parse("127.0.0.1:5000/team/app-base:c54511178400");
    private static final Digest BASE_LAYER = digest("dependencies"), BASE_CONFIG = digest("base config");
    private static final Digest APP_LAYER = digest("classes"), APP_CONFIG = digest("app config");

    private final RecordingLog log = new RecordingLog();

    private static Digest digest(String text) {
        return Digest.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A record as PushReport.pushed leaves it: one layer and the config, each with what the push did. */
    private static BuildRecord record(String image, String role, Digest layer, Digest config, Pushed pushed) {
        LayerRecord node = new LayerRecord(
                role,
                layer,
                null,
                4000,
                null,
                pushed.blobs().get(layer).status().label(),
                pushed.blobs().get(layer).bytesSent());
        PushRecord push = new PushRecord(
                null,
                null,
                null,
                null,
                null,
                pushed.blobs().get(config).status().label(),
                null);
        return new BuildRecord(
                ImageKind.APP,
                image,
                List.of(),
                new ManifestRecord(null, config, List.of(node)),
                new ParentRecord(null, null),
                null,
                null,
                push);
    }

    private static Pushed pushed(
            PushStatus manifest,
            Digest layer,
            PushStatus layerStatus,
            long layerBytes,
            Digest config,
            PushStatus configStatus,
            long configBytes) {
        Map<Digest, BlobPush> blobs = new LinkedHashMap<>();
        blobs.put(layer, new BlobPush(layer, layerStatus, layerBytes));
        blobs.put(config, new BlobPush(config, configStatus, configBytes));
        return new Pushed(digest(manifest + " manifest"), blobs, manifest);
    }

    private void logPushed(Pushed base, boolean pushedHere) {
        Pushed app =
                pushed(PushStatus.UPLOADED, APP_LAYER, PushStatus.UPLOADED, 4000, APP_CONFIG, PushStatus.UPLOADED, 612);
        PushReport.logPushed(
                log,
                BASE,
                record(BASE.toString(), "dependencies", BASE_LAYER, BASE_CONFIG, base),
                base,
                pushedHere,
                record("127.0.0.1:5000/team/app:1", "classes", APP_LAYER, APP_CONFIG, app),
                app);
    }

    private List<String> lines(String containing) {
        return log.lines().stream().filter(line -> line.contains(containing)).toList();
    }

    private static final Pushed PRESENT =
            pushed(PushStatus.PRESENT, BASE_LAYER, PushStatus.PRESENT, 0, BASE_CONFIG, PushStatus.PRESENT, 0);
    private static final Pushed UPLOADED =
            pushed(PushStatus.UPLOADED, BASE_LAYER, PushStatus.UPLOADED, 4000, BASE_CONFIG, PushStatus.UPLOADED, 300);

    @Test
    void aBaseTheRegistryHeldIsNotReportedAsPushed() {
        logPushed(PRESENT, true);
        assertEquals(List.of(), lines("Pushed base"), log.lines().toString());
        assertEquals(
                List.of("Push sent 4.6 kB (app; the base " + BASE + " was in the registry already)"),
                lines("Push sent"));
    }

    @Test
    void aBaseAnotherModuleFoundPresentIsNotSaidToBePushedByIt() {
        logPushed(PRESENT, false);
        assertEquals(
                List.of("Push sent 4.6 kB (app; the base " + BASE + " was in the registry already)"),
                lines("Push sent"));
    }

    @Test
    void aBasePushedHereHasItsTableAndTheTotal() {
        logPushed(UPLOADED, true);
        assertEquals(1, lines("Pushed base " + BASE).size(), log.lines().toString());
        assertEquals(List.of("Push sent 8.9 kB in all (base 4.3 kB, app 4.6 kB)"), lines("Push sent"));
    }

    @Test
    void aBasePushedByAnotherModuleIsSaidToBe() {
        logPushed(UPLOADED, false);
        assertEquals(List.of(), lines("Pushed base"), log.lines().toString());
        assertEquals(
                List.of("Push sent 4.6 kB (app; the base " + BASE + " was pushed by another module of this build)"),
                lines("Push sent"));
    }

    @Test
    void theConfigRowSaysWhatWasSent() {
        logPushed(UPLOADED, true);
        List<String> configRows = lines("  config ");
        assertEquals(2, configRows.size(), log.lines().toString());
        assertTrue(
                configRows.get(0).matches("  config +" + BASE_CONFIG.toShortString() + "  uploaded +300 B"),
                configRows.get(0));
        assertTrue(
                configRows.get(1).matches("  config +" + APP_CONFIG.toShortString() + "  uploaded +612 B"),
                configRows.get(1));
        log.lines().clear();
        logPushed(PRESENT, false);
        assertTrue(
                lines("  config ").get(0).matches("  config +" + APP_CONFIG.toShortString() + "  uploaded +612 B"),
                log.lines().toString());
    }
}
