package io.github.dockerlayer.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.diff.LayerComparison.Side;
import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.image.Annotations;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.layer.LayerEntry;
import io.github.dockerlayer.layer.ReproducibleLayer;
import io.github.dockerlayer.layout.OciLayout;
import io.github.dockerlayer.log.BuildLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** diffAgainst read through the one image-spec reader: what names an image, what names none, what fails. */
class ReferenceSideTest {
    @TempDir
    Path temp;

    private final BuildLog quiet = new BuildLog() {
        @Override
        public void info(String line) {}

        @Override
        public void warn(String line) {}
    };

    /** A layout whose index holds one one-layer image per entry's annotations. */
    private void layout(Path dir, List<Map<String, String>> entries) throws IOException {
        OciLayout layout = OciLayout.openOrCreate(dir);
        List<Descriptor> index = new ArrayList<>();
        int n = 0;
        for (Map<String, String> annotations : entries) {
            Layer layer = ReproducibleLayer.write(
                    List.of(LayerEntry.bytes("/f", new byte[] {(byte) n++})), Instant.EPOCH, layout.store());
            Descriptor manifest = layout.writeImage(Images.appendLayer(Images.scratch(), layer, Instant.EPOCH, "x"));
            index.add(manifest.withAnnotations(annotations));
        }
        layout.writeIndex(index);
    }

    private Side read(String text) throws IOException {
        return ReferenceSide.read(text, temp, null, Platform.LINUX_AMD64, quiet);
    }

    @Test
    void aLayoutWithoutATagNamesItsAppImage() throws IOException {
        layout(
                temp.resolve("saved"),
                List.of(
                        Map.of(Annotations.REF_NAME, "84e96d0fe973", Annotations.ROLE, "base"),
                        Map.of(Annotations.REF_NAME, "1.0", Annotations.ROLE, "app")));
        Side app = read("oci:saved");
        assertTrue(app.exists());
        assertEquals("oci:saved", app.name());
        assertEquals(app.manifest(), read("oci:saved:1.0").manifest(), "the same image as its tag names");
        assertFalse(read("oci:saved:2.0").exists(), "a tag the layout lacks names no image: a first build");
        assertFalse(read("oci:nothing-here").exists(), "no layout at all: nothing to compare with yet");
    }

    @Test
    void aLayoutOfSeveralImagesAndNoSingleAppImageAsksForATag() throws IOException {
        layout(temp.resolve("two"), List.of(Map.of(Annotations.REF_NAME, "17"), Map.of(Annotations.REF_NAME, "21")));
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> read("oci:two"));
        assertEquals("diffAgainst", e.parameter());
        assertTrue(
                e.getMessage()
                        .contains("'oci:two' holds 2 images and no single app image, so a tag must choose one"
                                + " (it has: [17, 21])"),
                e.getMessage());
        assertTrue(read("oci:two:21").exists());
    }

    @Test
    void aDirectoryThatIsNoLayoutAndNamesNoRegistryOrLayoutImageFailNamingDiffAgainst() throws IOException {
        Files.createDirectories(temp.resolve("empty"));
        InvalidParameterException notLayout = assertThrows(InvalidParameterException.class, () -> read("oci:empty"));
        assertEquals("diffAgainst", notLayout.parameter());
        assertTrue(notLayout.getMessage().contains("is not a readable OCI image layout"), notLayout.getMessage());
        for (String text : List.of("docker-archive:app.tar", "docker-daemon:app:1", "scratch")) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> read(text));
            assertEquals("diffAgainst", e.parameter(), text);
            assertTrue(e.getMessage().contains("registry reference"), e.getMessage());
        }
        InvalidParameterException bad = assertThrows(InvalidParameterException.class, () -> read("Not A Ref"));
        assertTrue(bad.getMessage().contains("'Not A Ref' is not an image reference"), bad.getMessage());
    }
}
