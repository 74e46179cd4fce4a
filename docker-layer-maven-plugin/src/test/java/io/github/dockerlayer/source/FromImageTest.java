package io.github.dockerlayer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.image.Annotations;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.layer.LayerCache;
import io.github.dockerlayer.layer.LayerEntry;
import io.github.dockerlayer.layer.ReproducibleLayer;
import io.github.dockerlayer.layout.OciLayout;
import io.github.dockerlayer.log.BuildLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FromImageTest {
    @TempDir
    Path temp;

    private final BuildLog quiet = new BuildLog() {
        @Override
        public void info(String line) {}

        @Override
        public void warn(String line) {}
    };

    /** A source layout with one one-layer image under {@code refName}; returns the layer. */
    private Layer sourceLayout(Path dir, String refName) throws IOException {
        OciLayout source = OciLayout.openOrCreate(dir);
        Layer layer = ReproducibleLayer.write(
                List.of(LayerEntry.bytes("/usr/bin/java", new byte[] {7})), Instant.EPOCH, source.store());
        Descriptor manifest = source.writeImage(Images.appendLayer(Images.scratch(), layer, Instant.EPOCH, "jre"));
        source.writeIndex(List.of(manifest.withAnnotations(Map.of(Annotations.REF_NAME, refName))));
        return layer;
    }

    private FromImage.Loaded load(FromImage from) throws IOException {
        OciLayout target = OciLayout.openOrCreate(temp.resolve("target"));
        return from.load(target, new LayerCache(temp.resolve("cache"), target.store()), quiet);
    }

    @Test
    void aBareTagIsNoImageNameButAFullReferenceIs() throws IOException {
        sourceLayout(temp.resolve("bare"), "17");
        FromImage.Loaded bare = load(FromImage.parse("oci:bare:17", temp));
        assertNull(bare.name());
        assertEquals(1, bare.image().layers().size());

        sourceLayout(temp.resolve("full"), "base/jre:17");
        assertEquals("base/jre:17", load(FromImage.parse("oci:full:17", temp)).name());
    }

    @Test
    void aSourceWithAMissingBlobFailsNamingFrom() throws IOException {
        Layer layer = sourceLayout(temp.resolve("broken"), "17");
        Files.delete(temp.resolve("broken/blobs/sha256/" + layer.digest().hex()));
        FromImage from = FromImage.parse("oci:broken:17", temp);
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> load(from));
        assertEquals("from", e.parameter());
        assertTrue(e.getMessage().contains("Fix:"), e.getMessage());
    }

    @Test
    void anExplicitPlatformMustBeTheSinglePlatformFromImages() throws IOException {
        sourceLayout(temp.resolve("amd"), "17");
        FromImage from = FromImage.parse("oci:amd:17", temp, Platform.parse("linux/arm64"), null);
        InvalidParameterException e =
                assertThrows(InvalidParameterException.class, () -> from.checkPlatform(Platform.parse("linux/arm64")));
        assertEquals("platform", e.parameter());
        assertTrue(e.getMessage().contains("is an image for linux/amd64, not linux/arm64"), e.getMessage());
        from.checkPlatform(Platform.LINUX_AMD64); // the platform it is for passes
        FromImage.parse("scratch", temp).checkPlatform(Platform.parse("linux/arm64")); // scratch is for any
        var arm = FromImage.parse("scratch", temp, Platform.parse("linux/arm64/v8"), null)
                .config();
        assertEquals("arm64", arm.path("architecture").asText(), "scratch is made for the platform asked for");
        assertEquals("v8", arm.path("variant").asText());
        assertEquals("linux", arm.path("os").asText());
    }

    @Test
    void aMissingOrUnknownSourceFailsBeforeAnythingIsWritten() {
        assertEquals(
                "from",
                assertThrows(InvalidParameterException.class, () -> FromImage.parse("oci:does-not-exist:17", temp))
                        .parameter());
        assertEquals(
                "from",
                assertThrows(InvalidParameterException.class, () -> FromImage.parse("docker-archive:missing.tar", temp))
                        .parameter());
        InvalidParameterException daemon =
                assertThrows(InvalidParameterException.class, () -> FromImage.parse("docker-daemon:app:1", temp));
        assertTrue(daemon.getMessage().contains("names a daemon image, and this goal reads none"), daemon.getMessage());
        InvalidParameterException nonsense =
                assertThrows(InvalidParameterException.class, () -> FromImage.parse("Not A Source", temp));
        assertTrue(nonsense.getMessage().contains("is not a source this plugin knows"), nonsense.getMessage());
    }

    @Test
    void aMultiPlatformSourceWithoutLinuxAmd64FailsNamingPlatformFromAndWhatItOffers() throws IOException {
        OciLayout source = OciLayout.openOrCreate(temp.resolve("multi"));
        Layer layer = ReproducibleLayer.write(
                List.of(LayerEntry.bytes("/usr/bin/java", new byte[] {7})), Instant.EPOCH, source.store());
        Descriptor manifest = source.writeImage(Images.appendLayer(Images.scratch(), layer, Instant.EPOCH, "jre"));
        String entry = "{\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"digest\":\"" + manifest.digest()
                + "\",\"size\":" + manifest.size() + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"%s\"}}";
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX + "\",\"manifests\":["
                + String.format(entry, "arm64") + "," + String.format(entry, "s390x") + "]}";
        Descriptor indexDescriptor = source.writeBlob(index.getBytes(StandardCharsets.UTF_8), MediaType.OCI_INDEX);
        source.writeIndex(List.of(indexDescriptor.withAnnotations(Map.of(Annotations.REF_NAME, "17"))));

        InvalidParameterException e =
                assertThrows(InvalidParameterException.class, () -> FromImage.parse("oci:multi:17", temp));
        assertEquals("platform", e.parameter(), "the platform is what to change (or the from image)");
        assertTrue(e.getMessage().contains("<from> 'oci:multi:17'"), e.getMessage());
        assertTrue(e.getMessage().contains("offers linux/arm64, linux/s390x but no linux/amd64 image"), e.getMessage());
        assertTrue(e.getMessage().contains("Fix:"), e.getMessage());
    }

    @Test
    void aCorruptManifestFailsNamingFromWhenCheckedNotWhenLoaded() throws IOException {
        sourceLayout(temp.resolve("corrupt"), "17");
        Descriptor manifest =
                OciLayout.open(temp.resolve("corrupt")).indexEntries().get(0);
        Files.writeString(
                temp.resolve("corrupt/blobs/sha256/" + manifest.digest().hex()), "not json");
        InvalidParameterException e =
                assertThrows(InvalidParameterException.class, () -> FromImage.parse("oci:corrupt:17", temp));
        assertEquals("from", e.parameter());
        assertTrue(e.getMessage().contains("'oci:corrupt:17' cannot be read"), e.getMessage());
    }

    @Test
    void anIndexWithABadDigestFailsNamingFrom() throws IOException {
        sourceLayout(temp.resolve("bad-digest"), "17");
        Path index = temp.resolve("bad-digest/index.json");
        Files.writeString(index, Files.readString(index).replaceFirst("sha256:[0-9a-f]{64}", "md5:0123"));
        assertEquals(
                "from",
                assertThrows(InvalidParameterException.class, () -> FromImage.parse("oci:bad-digest:17", temp))
                        .parameter());
    }

    @Test
    void aLayoutWithoutATagNamesItsOnlyImageOrItsOneAppImage() throws IOException {
        sourceLayout(temp.resolve("one"), "17");
        assertEquals(1, load(FromImage.parse("oci:one", temp)).image().layers().size(), "the only image");

        OciLayout two = OciLayout.openOrCreate(temp.resolve("two"));
        Layer layer = ReproducibleLayer.write(
                List.of(LayerEntry.bytes("/usr/bin/java", new byte[] {7})), Instant.EPOCH, two.store());
        Descriptor jre = two.writeImage(Images.appendLayer(Images.scratch(), layer, Instant.EPOCH, "jre"));
        Descriptor app = two.writeImage(Images.appendLayer(
                Images.appendLayer(Images.scratch(), layer, Instant.EPOCH, "jre"), layer, Instant.EPOCH, "app"));
        two.writeIndex(List.of(
                jre.withAnnotations(Map.of(Annotations.REF_NAME, "17")),
                jre.withAnnotations(Map.of(Annotations.REF_NAME, "21"))));
        InvalidParameterException e =
                assertThrows(InvalidParameterException.class, () -> FromImage.parse("oci:two", temp));
        assertEquals("from", e.parameter());
        assertTrue(
                e.getMessage().contains("holds 2 images, so a tag must choose one (it has: [17, 21])"), e.getMessage());

        // a layout the plugin wrote (base and app): the app image, as for diffAgainst
        two.writeIndex(List.of(
                jre.withAnnotations(Map.of(Annotations.REF_NAME, "17", Annotations.ROLE, "base")),
                app.withAnnotations(Map.of(Annotations.REF_NAME, "1.0", Annotations.ROLE, "app"))));
        assertEquals(2, load(FromImage.parse("oci:two", temp)).image().layers().size());
    }
}
