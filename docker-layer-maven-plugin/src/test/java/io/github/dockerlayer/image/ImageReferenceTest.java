package io.github.dockerlayer.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {
    private static final String HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @Test
    void plainRepositoryHasNoRegistryTagOrDigest() {
        ImageReference ref = ImageReference.parse("ubuntu");
        assertNull(ref.registry());
        assertEquals("ubuntu", ref.repository());
        assertNull(ref.tag());
        assertNull(ref.digest());
        assertEquals("ubuntu", ref.toString());
    }

    @Test
    void firstComponentWithoutDotColonOrLocalhostIsPartOfTheRepository() {
        ImageReference ref = ImageReference.parse("team/app:1.0");
        assertNull(ref.registry());
        assertEquals("team/app", ref.repository());
        assertEquals("1.0", ref.tag());
        assertEquals("team/app", ref.name());
    }

    @Test
    void hostWithDotIsARegistry() {
        ImageReference ref = ImageReference.parse("registry.example.com/team/app:2");
        assertEquals("registry.example.com", ref.registry());
        assertEquals("team/app", ref.repository());
        assertEquals("2", ref.tag());
        assertEquals("registry.example.com/team/app", ref.name());
    }

    @Test
    void localhostIsARegistry() {
        ImageReference ref = ImageReference.parse("localhost/app");
        assertEquals("localhost", ref.registry());
        assertEquals("app", ref.repository());
        assertNull(ref.tag());
    }

    @Test
    void hostWithPortIsARegistryAndItsColonIsNotATag() {
        ImageReference ref = ImageReference.parse("localhost:5000/team/app");
        assertEquals("localhost:5000", ref.registry());
        assertEquals("team/app", ref.repository());
        assertNull(ref.tag());

        ImageReference tagged = ImageReference.parse("my-registry:5000/app:1.2.3");
        assertEquals("my-registry:5000", tagged.registry());
        assertEquals("app", tagged.repository());
        assertEquals("1.2.3", tagged.tag());
        assertEquals("my-registry:5000/app:1.2.3", tagged.toString());
    }

    @Test
    void ipv6RegistryWithPort() {
        ImageReference ref = ImageReference.parse("[::1]:5000/app:x");
        assertEquals("[::1]:5000", ref.registry());
        assertEquals("app", ref.repository());
        assertEquals("x", ref.tag());
    }

    @Test
    void upperCaseFirstComponentIsTakenAsARegistryLikeDockerDoes() {
        // distribution/reference's splitDockerDomain: a first component with upper-case letters is a host.
        ImageReference ref = ImageReference.parse("MyHost/app");
        assertEquals("MyHost", ref.registry());
        assertEquals("app", ref.repository());
    }

    @Test
    void digestIsParsed() {
        ImageReference ref = ImageReference.parse("registry.example.com:443/team/app@sha256:" + HEX);
        assertEquals("registry.example.com:443", ref.registry());
        assertEquals("team/app", ref.repository());
        assertNull(ref.tag());
        assertEquals(new Digest("sha256", HEX), ref.digest());
        assertEquals("registry.example.com:443/team/app@sha256:" + HEX, ref.toString());
    }

    @Test
    void tagAndDigestTogether() {
        ImageReference ref = ImageReference.parse("team/app:1.0@sha256:" + HEX);
        assertEquals("team/app", ref.repository());
        assertEquals("1.0", ref.tag());
        assertEquals(HEX, ref.digest().hex());
        assertEquals("team/app:1.0@sha256:" + HEX, ref.toString());
    }

    @Test
    void invalidDigestIsRejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("team/app@sha256:xyz"));
        assertTrue(e.getMessage().contains("invalid digest"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("team/app@md5:" + HEX));
    }

    @Test
    void upperCaseRepositoryIsRejectedWithAHint() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("team/MyApp:1"));
        assertTrue(e.getMessage().contains("upper-case"), e.getMessage());
        assertTrue(e.getMessage().contains("team/MyApp:1"), e.getMessage());
        assertTrue(e.getMessage().contains(ImageReference.REPOSITORY_RULE), e.getMessage());

        IllegalArgumentException single =
                assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("MyApp"));
        assertTrue(single.getMessage().contains("upper-case"), single.getMessage());
    }

    @Test
    void lowerCaseInvalidRepositoryHasNoUpperCaseHint() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("team/-app"));
        assertFalse(e.getMessage().contains("upper-case"), e.getMessage());
        assertTrue(e.getMessage().contains("not a valid repository"), e.getMessage());
    }

    @Test
    void malformedRepositoriesAreRejected() {
        for (String bad : new String[] {"team//app", "team/app/", "/app", "app.", "a..b", "team/ap p"}) {
            assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(bad), bad);
        }
    }

    @Test
    void separatorsInsideComponentsAreAllowed() {
        ImageReference ref = ImageReference.parse("team/a.b_c__d-e--f/g");
        assertNull(ref.registry());
        assertEquals("team/a.b_c__d-e--f/g", ref.repository());
    }

    @Test
    void emptyOrBlankIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("  "));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void tooLongRepositoryIsRejected() {
        String longName = "a".repeat(256);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(longName));
        assertTrue(e.getMessage().contains("too long"), e.getMessage());
        assertEquals("a".repeat(255), ImageReference.parse("a".repeat(255)).repository());
    }

    @Test
    void tagsMayHaveUpperCase() {
        assertEquals("Latest-RC_1", ImageReference.parse("app:Latest-RC_1").tag());
    }

    @Test
    void tagOf128CharactersIsValidAnd129IsTooLong() {
        String max = "t".repeat(128);
        assertTrue(ImageReference.isValidTag(max));
        assertEquals(max, ImageReference.parse("app:" + max).tag());
        String tooLong = "t".repeat(129);
        assertFalse(ImageReference.isValidTag(tooLong));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("app:" + tooLong));
        assertTrue(e.getMessage().contains("invalid tag"), e.getMessage());
        assertTrue(e.getMessage().contains(ImageReference.TAG_RULE), e.getMessage());
    }

    @Test
    void isValidTag() {
        assertTrue(ImageReference.isValidTag("1.0.0"));
        assertTrue(ImageReference.isValidTag("_private"));
        assertTrue(ImageReference.isValidTag("v1-SNAPSHOT"));
        assertFalse(ImageReference.isValidTag(null));
        assertFalse(ImageReference.isValidTag(""));
        assertFalse(ImageReference.isValidTag(".hidden"));
        assertFalse(ImageReference.isValidTag("-dash"));
        assertFalse(ImageReference.isValidTag("a/b"));
        assertFalse(ImageReference.isValidTag("a+b"));
        assertFalse(ImageReference.isValidTag("a b"));
    }

    @Test
    void emptyTagIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("app:"));
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("app:.x"));
    }

    @Test
    void withTagReplacesTagAndDropsDigest() {
        ImageReference ref = ImageReference.parse("team/app:1@sha256:" + HEX).withTag("2");
        assertEquals("2", ref.tag());
        assertNull(ref.digest());
        assertEquals("team/app:2", ref.toString());
        assertNull(ref.withTag(null).tag());
    }

    @Test
    void toStringRoundTrips() {
        for (String text : new String[] {"app", "team/app:1", "localhost:5000/a/b/c:v@sha256:" + HEX, "reg.io/x"}) {
            assertEquals(text, ImageReference.parse(text).toString());
            assertEquals(
                    ImageReference.parse(text),
                    ImageReference.parse(ImageReference.parse(text).toString()));
        }
    }

    @Test
    void registryHostAndRemoteRepositoryFollowDockerHubsRules() {
        ImageReference official = ImageReference.parse("eclipse-temurin:21-jre");
        assertEquals("docker.io", official.registryHost());
        assertEquals("library/eclipse-temurin", official.remoteRepository());
        assertEquals("21-jre", official.remoteReference());
        assertEquals(
                "library/eclipse-temurin",
                ImageReference.parse("docker.io/eclipse-temurin").remoteRepository());
        assertEquals("latest", ImageReference.parse("docker.io/eclipse-temurin").remoteReference());
        assertEquals("team/jre", ImageReference.parse("docker.io/team/jre:1").remoteRepository());
        ImageReference own = ImageReference.parse("127.0.0.1:5000/base/jre:17");
        assertEquals("127.0.0.1:5000", own.registryHost());
        assertEquals("base/jre", own.remoteRepository());
        assertEquals(
                "jre",
                ImageReference.parse("registry.example.com/jre").remoteRepository(),
                "library/ is Docker Hub's only");
        String digest = "sha256:" + "a".repeat(64);
        assertEquals(
                digest,
                ImageReference.parse("127.0.0.1:5000/base/jre:17@" + digest).remoteReference());
    }
}
