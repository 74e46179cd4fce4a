package io.github.dockerlayer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.image.Annotations;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.layout.OciLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one parser of image names, and the one rule for a layout named without a tag. */
class ImageSpecTest {
    private static final Path PROJECT = Path.of("/project");

    @TempDir
    Path temp;

    @Test
    void scratchAndNothingAreScratch() {
        assertInstanceOf(Scratch.class, ImageSpec.parse("scratch", PROJECT));
        assertInstanceOf(Scratch.class, ImageSpec.parse("  scratch ", PROJECT));
        assertInstanceOf(Scratch.class, ImageSpec.parse(null, PROJECT));
        assertEquals("scratch", ImageSpec.parse("", PROJECT).text());
    }

    @Test
    void aLayoutWithAndWithoutATag() {
        LayoutSpec tagged = (LayoutSpec) ImageSpec.parse("oci:jre/oci:17", PROJECT);
        assertEquals(Path.of("/project/jre/oci"), tagged.directory());
        assertEquals("17", tagged.tag());
        assertEquals("oci:jre/oci:17", tagged.text());
        LayoutSpec bare = (LayoutSpec) ImageSpec.parse("oci:/abs/oci", PROJECT);
        assertEquals(Path.of("/abs/oci"), bare.directory());
        assertNull(bare.tag());
        // a colon before the path's last '/' is part of the path
        LayoutSpec colon = (LayoutSpec) ImageSpec.parse("oci:a:b/oci", PROJECT);
        assertEquals(Path.of("/project/a:b/oci"), colon.directory());
        assertNull(colon.tag());
    }

    @Test
    void aDockerArchiveADaemonImageAndARegistryReference() {
        DockerArchiveSpec archive = (DockerArchiveSpec) ImageSpec.parse("docker-archive:target/jre.tar", PROJECT);
        assertEquals(Path.of("/project/target/jre.tar"), archive.file());
        DaemonSpec daemon = (DaemonSpec) ImageSpec.parse("docker-daemon: app:1 ", PROJECT);
        assertEquals("app:1", daemon.reference());
        assertEquals("", ((DaemonSpec) ImageSpec.parse("docker-daemon:", PROJECT)).reference(), "checked when read");
        RegistrySpec registry = (RegistrySpec) ImageSpec.parse("registry.example.com:5000/team/jre:21", PROJECT);
        assertEquals("registry.example.com:5000", registry.reference().registry());
        assertEquals("21", registry.reference().tag());
        assertInstanceOf(RegistrySpec.class, ImageSpec.parse("eclipse-temurin:21-jre", PROJECT));
        String pinned = "repo@sha256:" + "a".repeat(64);
        assertEquals(pinned, ImageSpec.parse(pinned, PROJECT).text());
    }

    @Test
    void anythingElseFailsSayingWhatIsWrongWithItAsAReference() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ImageSpec.parse("Not A Source", PROJECT));
        assertTrue(!e.getMessage().isBlank(), "the reference's own complaint");
        assertThrows(IllegalArgumentException.class, () -> ImageSpec.parse("repo@sha256:short", PROJECT));
    }

    // -------------------------------------------------------------------------------------------------------------
    // Which image a layout reference names
    // -------------------------------------------------------------------------------------------------------------

    private static Descriptor entry(String content, Map<String, String> annotations) {
        return new Descriptor(MediaType.OCI_MANIFEST, Digest.sha256(content.getBytes(StandardCharsets.UTF_8)), 100)
                .withAnnotations(annotations);
    }

    private static Map<String, String> tagged(String name) {
        return Map.of(Annotations.REF_NAME, name);
    }

    private static Map<String, String> app(String name) {
        return Map.of(Annotations.REF_NAME, name, Annotations.ROLE, "app");
    }

    private Optional<Descriptor> choose(List<Descriptor> entries, String tag) throws IOException {
        OciLayout layout = OciLayout.openOrCreate(temp);
        return new LayoutSpec.Index(layout, entries).choose(tag);
    }

    @Test
    void aTagNamesTheEntryWithThatRefNameOrEndingInIt() throws IOException {
        Descriptor bare = entry("bare", tagged("17"));
        Descriptor full = entry("full", tagged("base/jre:21"));
        assertEquals(Optional.of(bare), choose(List.of(bare, full), "17"));
        assertEquals(Optional.of(full), choose(List.of(bare, full), "21"));
        assertEquals(Optional.empty(), choose(List.of(bare, full), "8"), "no such tag: no image");
    }

    @Test
    void withoutATagTheOnlyImageOrElseTheOneAppImage() throws IOException {
        Descriptor only = entry("only", tagged("17"));
        assertEquals(Optional.of(only), choose(List.of(only), null), "a layout of one image");
        Descriptor untagged = entry("untagged", Map.of());
        assertEquals(Optional.of(untagged), choose(List.of(untagged), null), "even without a ref name");

        // what the plugin writes: the base under its version, the app under each of its tags (one manifest)
        Descriptor base = entry("base", Map.of(Annotations.REF_NAME, "84e96d0fe973", Annotations.ROLE, "base"));
        Descriptor app1 = entry("app", app("1.0"));
        Descriptor appLatest = entry("app", app("latest"));
        assertEquals(Optional.of(app1), choose(List.of(base, app1, appLatest), null));

        // several images and no single app image: no image (the caller asks for a tag)
        assertEquals(Optional.empty(), choose(List.of(entry("a", tagged("1")), entry("b", tagged("2"))), null));
        assertEquals(Optional.empty(), choose(List.of(base, entry("app 1", app("1")), entry("app 2", app("2"))), null));
        assertEquals(Optional.empty(), choose(List.of(), null), "an empty layout");
    }

    @Test
    void theNamesListEveryEntryEvenWithoutOne() throws IOException {
        List<String> names = new LayoutSpec.Index(
                        OciLayout.openOrCreate(temp), List.of(entry("a", tagged("17")), entry("b", Map.of())))
                .names();
        assertEquals("[17, null]", names.toString());
    }
}
