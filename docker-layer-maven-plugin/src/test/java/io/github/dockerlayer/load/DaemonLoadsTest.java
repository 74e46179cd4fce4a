package io.github.dockerlayer.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** daemon-loads.json through its record: daemons and manifests in the file's order, never sorted. */
class DaemonLoadsTest {
    private static final String B = "sha256:" + "b".repeat(64), A = "sha256:" + "a".repeat(64);
    private static final String C = "sha256:" + "c".repeat(64);

    @Test
    void readAndWrittenBackByteForByte() throws IOException {
        String file = """
                {
                  "zz-daemon" : {
                    "%1$s" : [ "%2$s", "%3$s" ],
                    "%2$s" : [ "%3$s" ]
                  },
                  "aa-daemon" : {
                    "%3$s" : [ ]
                  }
                }""".formatted(B, A, C);
        DaemonLoads.Loads loads = DaemonLoads.Loads.fromJson(Json.MAPPER.readTree(file));
        assertEquals(
                List.of("zz-daemon", "aa-daemon"), List.copyOf(loads.daemons().keySet()));
        assertEquals(
                Set.of(Digest.parse(A), Digest.parse(C)),
                loads.daemons().get("zz-daemon").get(Digest.parse(B)));
        assertEquals(file, new String(Json.pretty(loads.toJson()), StandardCharsets.UTF_8));
    }

    @Test
    void aDaemonWhoseEntryIsNoRecordIsLeftOut() throws IOException {
        DaemonLoads.Loads loads = DaemonLoads.Loads.fromJson(
                Json.MAPPER.readTree("{\"bad\": {\"not a digest\": []}, \"good\": {\"" + A + "\": []}}"));
        assertEquals(List.of("good"), List.copyOf(loads.daemons().keySet()));
    }
}
