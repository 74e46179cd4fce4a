package io.github.dockerlayer.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.layer.LayerEntry;
import io.github.dockerlayer.layer.ReproducibleLayer;
import io.github.dockerlayer.layout.OciLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one consistency check of push and diff: each way a record and the layout part, in the goal's words. */
class RecordCheckTest {
    private static final Instant TIME = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path temp;

    private OciLayout layout;
    private Image image;
    private Descriptor manifest;

    @BeforeEach
    void setUp() throws IOException {
        layout = OciLayout.openOrCreate(temp.resolve("oci"));
        image = Images.scratch();
        for (String name : List.of("one", "two")) {
            Layer layer = ReproducibleLayer.write(
                    List.of(LayerEntry.bytes("/" + name, name.getBytes(StandardCharsets.UTF_8))), TIME, layout.store());
            image = Images.appendLayer(image, layer, TIME, name);
        }
        manifest = layout.writeImage(image);
    }

    private BuildRecord record(Digest manifestDigest, List<Layer> layers) {
        List<LayerRecord> recorded = new ArrayList<>();
        for (Layer layer : layers) {
            recorded.add(new LayerRecord("classes", layer.digest(), layer.diffId(), layer.size(), null, null, null));
        }
        return new BuildRecord(
                ImageKind.APP,
                "127.0.0.1:5000/team/app:1",
                List.of("1"),
                new ManifestRecord(manifestDigest, image.configDescriptor().digest(), recorded),
                new ParentRecord("127.0.0.1:5000/team/app-base:1", "sha256:" + "b".repeat(64)),
                null,
                null,
                null);
    }

    private String failure(BuildRecord record, String goal) {
        return assertThrows(IOException.class, () -> RecordCheck.inLayout(record, layout, goal))
                .getMessage();
    }

    @Test
    void aRecordOfTheLayoutsImageGivesThatImage() throws IOException {
        Image read = RecordCheck.inLayout(record(manifest.digest(), image.layers()), layout, "push");
        assertEquals(image.layers(), read.layers());
    }

    @Test
    void aManifestTheLayoutLacks() {
        Digest other = BuildRecordsTest.digest("other");
        assertEquals(
                "127.0.0.1:5000/team/app:1 (" + other + ") is not in " + layout.root()
                        + ": run the base and image goals again before push.",
                failure(record(other, image.layers()), "push"));
    }

    @Test
    void otherLayersThanTheManifests() {
        String prefix = "127.0.0.1:5000/team/app:1's record does not match its manifest in " + layout.root();
        assertEquals(
                prefix + ": run the base and image goals again before diff.",
                failure(record(manifest.digest(), image.layers().subList(0, 1)), "diff"));
        List<Layer> swapped = List.of(image.layers().get(1), image.layers().get(0));
        assertEquals(
                prefix + " (layer 0): run the base and image goals again before push.",
                failure(record(manifest.digest(), swapped), "push"));
    }

    @Test
    void anAppOnAnotherBase() throws IOException {
        BuildRecord app = record(manifest.digest(), image.layers());
        RecordCheck.sameBase(base(Digest.parse("sha256:" + "b".repeat(64))), app, "push");
        BuildRecord base = base(BuildRecordsTest.digest("base"));
        IOException e = assertThrows(IOException.class, () -> RecordCheck.sameBase(base, app, "diff"));
        assertEquals(
                "image.json names base sha256:" + "b".repeat(64) + " but base.json describes "
                        + BuildRecordsTest.digest("base") + ": run the base and image goals again before diff.",
                e.getMessage());
    }

    private static BuildRecord base(Digest digest) {
        return new BuildRecord(
                ImageKind.BASE,
                "127.0.0.1:5000/team/app-base:1",
                List.of("1"),
                new ManifestRecord(digest, null, List.of()),
                new ParentRecord("scratch", null),
                List.of(),
                null,
                null);
    }
}
