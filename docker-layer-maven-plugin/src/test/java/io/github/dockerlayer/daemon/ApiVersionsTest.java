package io.github.dockerlayer.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiVersionsTest {
    @Test
    void anOlderDaemonIsSpokenToInItsOwnVersion() {
        assertEquals("1.41", ApiVersions.negotiate("1.41", "1.12")); // Docker 20.10
        assertEquals("1.9", ApiVersions.negotiate("1.9", null));
    }

    @Test
    void aNewerDaemonIsSpokenToInTheNewestTestedVersion() {
        assertEquals("1.45", ApiVersions.negotiate("1.45", "1.24")); // Docker 26
        assertEquals("1.45", ApiVersions.negotiate("1.52", "1.44")); // Docker 29.0 to 29.2
    }

    @Test
    void neverBelowTheDaemonsMinimum() {
        assertEquals("1.47", ApiVersions.negotiate("1.55", "1.47"));
        assertEquals("1.46", ApiVersions.negotiate(null, "1.46"));
        assertEquals("1.45", ApiVersions.negotiate("", null));
    }

    @Test
    void versionsCompareNumerically() {
        assertTrue(ApiVersions.compare("1.9", "1.41") < 0);
        assertTrue(ApiVersions.compare("1.45", "1.45") == 0);
        assertTrue(ApiVersions.compare("2.0", "1.99") > 0);
    }
}
