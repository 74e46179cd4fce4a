package io.github.dockerlayer.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class PlatformTest {
    private static JsonNode manifests(String json) throws Exception {
        return Json.MAPPER.readTree(json);
    }

    @Test
    void parsesOsArchitectureAndVariant() {
        assertEquals(new Platform("amd64", "linux", null), Platform.parse("linux/amd64"));
        assertEquals(new Platform("arm64", "linux", "v8"), Platform.parse("linux/arm64/v8"));
        assertEquals("linux/arm64/v8", Platform.parse("linux/arm64/v8").toString());
        for (String bad : new String[] {"amd64", "linux/", "linux/amd64/v8/x", "Linux/AMD64", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Platform.parse(bad), bad);
            assertTrue(e.getMessage().contains("os/architecture"), e.getMessage());
        }
    }

    @Test
    void selectsTheMatchingEntryElseTheOnlyOneElseSaysWhatIsOffered() throws Exception {
        JsonNode two = manifests(
                "[{\"digest\":\"a\",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"}},"
                        + "{\"digest\":\"b\",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]");
        assertEquals("b", Platform.LINUX_AMD64.select(two, "x").path("digest").asText());
        assertEquals(
                "a",
                Platform.parse("linux/arm64").select(two, "x").path("digest").asText());
        assertEquals(
                "a",
                Platform.parse("linux/arm64/v8").select(two, "x").path("digest").asText());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Platform.parse("linux/s390x").select(two, "the index"));
        assertTrue(
                e.getMessage().contains("linux/arm64/v8, linux/amd64")
                        && e.getMessage().contains("linux/s390x"),
                e.getMessage());
        JsonNode one = manifests("[{\"digest\":\"c\",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\"}}]");
        assertEquals("c", Platform.LINUX_AMD64.select(one, "x").path("digest").asText());
    }
}
