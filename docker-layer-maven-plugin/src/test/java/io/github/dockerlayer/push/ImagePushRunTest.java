package io.github.dockerlayer.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.layer.LayerEntry;
import io.github.dockerlayer.layer.LayerRole;
import io.github.dockerlayer.layer.ReproducibleLayer;
import io.github.dockerlayer.layout.OciLayout;
import io.github.dockerlayer.log.RecordingLog;
import io.github.dockerlayer.record.BuildRecord;
import io.github.dockerlayer.record.BuildRecords;
import io.github.dockerlayer.record.BuildReport;
import io.github.dockerlayer.record.BuiltImage;
import io.github.dockerlayer.record.BuiltLayer;
import io.github.dockerlayer.record.ImageKind;
import io.github.dockerlayer.record.LayerStatus;
import io.github.dockerlayer.record.OutputFiles;
import io.github.dockerlayer.record.ParentRecord;
import io.github.dockerlayer.registry.Registries;
import io.github.dockerlayer.registry.RegistryClient;
import io.github.dockerlayer.registry.credentials.CredentialProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The push as a whole, against an in-process registry: base first, app on it, and the records say what it did. */
class ImagePushRunTest {
    private static final Instant TIME = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path temp;

    private final RecordingLog log = new RecordingLog();
    private MemoryRegistry registry;
    private OutputFiles files;
    private BuiltImage base;
    private BuiltImage app;

    @BeforeEach
    void build() throws IOException {
        registry = new MemoryRegistry();
        files = new OutputFiles(temp.resolve("docker-layer"));
        OciLayout layout = OciLayout.openOrCreate(files.layout());
        Layer deps = layer(layout, "deps");
        Layer classes = layer(layout, "classes");
        Image baseImage = Images.appendLayer(Images.scratch(), deps, TIME, "deps");
        Image appImage = Images.appendLayer(baseImage, classes, TIME, "classes");
        Descriptor baseManifest = layout.writeImage(baseImage);
        Descriptor appManifest = layout.writeImage(appImage);
        BuiltLayer depsLayer = new BuiltLayer(LayerRole.DEPENDENCIES, deps, LayerStatus.NEW);
        base = new BuiltImage(
                ImageReference.parse(registry.address() + "/team/app-base:v1"),
                List.of("v1"),
                baseImage,
                baseManifest,
                List.of(depsLayer));
        app = new BuiltImage(
                ImageReference.parse(registry.address() + "/team/app:1.0"),
                List.of("1.0"),
                appImage,
                appManifest,
                List.of(depsLayer, new BuiltLayer(LayerRole.CLASSES, classes, LayerStatus.NEW)));
        BuildReport.write(files.baseJson(), base, "from", "scratch", null, List.of("com.example:lib:1.0"));
        BuildReport.write(
                files.imageJson(),
                app,
                "base",
                base.reference().toString(),
                baseManifest.digest().toString());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private static Layer layer(OciLayout layout, String name) throws IOException {
        return ReproducibleLayer.write(
                List.of(LayerEntry.bytes("/" + name, name.getBytes(StandardCharsets.UTF_8))), TIME, layout.store());
    }

    private void push() throws IOException {
        RegistryClient.Settings settings =
                new RegistryClient.Settings(false, Duration.ofSeconds(5), Duration.ofSeconds(20), 1, null, null);
        try (Registries registries =
                new Registries(CredentialProvider.ANONYMOUS, settings, temp.resolve("cache"), false, log)) {
            ImagePush push = new ImagePush(files.directory(), registries, false, log);
            assertTrue(push.built());
            push.push();
        }
    }

    private BuildRecord read(ImageKind kind) throws IOException {
        return BuildRecords.read(files.record(kind), kind);
    }

    @Test
    void theBaseGoesFirstTheAppMountsItsLayersAndTheRecordsSaySo() throws IOException {
        push();
        assertTrue(
                registry.manifests.containsKey("team/app-base:v1"),
                registry.manifests.keySet().toString());
        assertTrue(
                registry.manifests.containsKey("team/app:1.0"),
                registry.manifests.keySet().toString());

        BuildRecord baseRecord = read(ImageKind.BASE);
        assertEquals(registry.address(), baseRecord.push().registry());
        assertEquals("team/app-base", baseRecord.push().repository());
        assertEquals(base.manifest().digest().toString(), baseRecord.push().digest());
        assertEquals("uploaded", baseRecord.push().manifest());
        assertEquals("uploaded", baseRecord.manifest().layers().get(0).push());
        assertEquals(List.of("com.example:lib:1.0"), baseRecord.dependencies(), "the rest of the record stays");

        BuildRecord appRecord = read(ImageKind.APP);
        assertEquals("team/app", appRecord.push().repository());
        assertEquals(app.manifest().digest().toString(), appRecord.push().digest());
        assertEquals("mounted", appRecord.manifest().layers().get(0).push(), "from the base's repository");
        assertEquals(0L, appRecord.manifest().layers().get(0).bytesSent());
        assertEquals("uploaded", appRecord.manifest().layers().get(1).push());
        assertTrue(appRecord.manifest().layers().get(1).bytesSent() > 0);
        assertTrue(appRecord.push().bytesSent() > 0);
        assertTrue(
                log.lines().contains("Pushing base " + base.reference()),
                log.lines().toString());
        assertTrue(
                log.lines().stream().anyMatch(line -> line.startsWith("Push sent ")),
                log.lines().toString());
    }

    @Test
    void aBaseTheRegistryHoldsIsNotPushedAgain() throws IOException {
        push();
        registry.requests.clear();
        log.lines().clear();
        push();
        assertTrue(
                log.lines().contains("Base " + base.reference() + " is in the registry already: not pushed again."),
                log.lines().toString());
        assertFalse(
                registry.requests.stream().anyMatch(r -> !r.startsWith("HEAD") && r.contains("/team/app-base/")),
                "nothing of the base sent: " + registry.requests);
        BuildRecord baseRecord = read(ImageKind.BASE);
        assertEquals("present", baseRecord.push().manifest());
        assertEquals("present", baseRecord.manifest().layers().get(0).push());
        assertEquals(0L, baseRecord.push().bytesSent());
        BuildRecord appRecord = read(ImageKind.APP);
        assertEquals("present", appRecord.push().manifest());
        assertEquals("present", appRecord.manifest().layers().get(1).push());
    }

    @Test
    void anAppBuiltOnAnotherBaseIsNotPushed() throws IOException {
        BuildRecord appRecord = read(ImageKind.APP);
        BuildRecords.write(
                files.imageJson(),
                new BuildRecord(
                        ImageKind.APP,
                        appRecord.image(),
                        appRecord.tags(),
                        appRecord.manifest(),
                        new ParentRecord(
                                base.reference().toString(),
                                app.manifest().digest().toString()),
                        null,
                        null,
                        null));
        IOException e = assertThrows(IOException.class, this::push);
        assertTrue(e.getMessage().endsWith(": run the base and image goals again before push."), e.getMessage());
        assertTrue(registry.manifests.isEmpty(), "nothing pushed");
    }
}
