package io.github.dockerlayer.assemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.maven.MavenWording;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ParametersTest {

    /** Asserts the call fails with a message naming {@code <parameter>}, its property, and a fix. */
    private static InvalidParameterException assertInvalid(String parameter, Executable call) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, call);
        assertEquals(parameter, e.parameter());
        assertTrue(e.getMessage().contains("<" + parameter + ">"), e.getMessage());
        String maven = MavenWording.phrase(e.getMessage()); // what the user reads: the plugin layer adds the property
        assertTrue(maven.contains("<" + parameter + "> (property docker-layer." + parameter + ")"), maven);
        assertTrue(e.getMessage().contains("Fix:"), e.getMessage());
        int fix = e.getMessage().indexOf("Fix:");
        assertTrue(
                e.getMessage().substring(fix + "Fix:".length()).trim().length() > 5,
                "the fix says something: " + e.getMessage());
        return e;
    }

    // ---- tags

    @Test
    void tagsAreTrimmedAndDeduplicatedInOrder() {
        assertEquals(List.of("1.0.0", "latest"), Parameters.tags(List.of(" 1.0.0 ", "latest", "1.0.0")));
    }

    @Test
    void noTagIsRejected() {
        InvalidParameterException e = assertInvalid("tags", () -> Parameters.tags(List.of()));
        assertTrue(e.getMessage().contains("no tag"), e.getMessage());
        assertInvalid("tags", () -> Parameters.tags(null));
    }

    @Test
    void invalidTagsAreRejected() {
        InvalidParameterException e = assertInvalid("tags", () -> Parameters.tags(List.of("1.0", "bad tag")));
        assertTrue(e.getMessage().contains("'bad tag'"), e.getMessage());
        assertInvalid("tags", () -> Parameters.tags(List.of("")));
        assertInvalid("tags", () -> Parameters.tags(List.of("-x")));
        assertInvalid("tags", () -> Parameters.tags(List.of("t".repeat(129))));
        assertInvalid("tags", () -> Parameters.tags(Arrays.asList("1.0", null)));
    }

    @Test
    void anEmptyTagIsNamedAsSuch() {
        InvalidParameterException e = assertInvalid("tags", () -> Parameters.tags(Arrays.asList("1.0.0", null, "x")));
        assertTrue(e.getMessage().contains("one of the tags is empty (two commas in a row"), e.getMessage());
        assertFalse(e.getMessage().contains("'null'"), e.getMessage());
    }

    // ---- jvmFlags

    @Test
    void severalFlagsInOneItemAreRefusedWithTheCommaSeparatedFix() {
        InvalidParameterException e =
                assertInvalid("jvmFlags", () -> Parameters.jvmFlags(List.of("-Xmx128m -XX:+UseSerialGC")));
        assertTrue(e.getMessage().contains("'-Xmx128m -XX:+UseSerialGC' is several flags in one item"), e.getMessage());
        String maven = MavenWording.phrase(e.getMessage()); // the plugin layer writes the command line
        assertTrue(maven.contains("-Ddocker-layer.jvmFlags=-Xmx128m,-XX:+UseSerialGC"), maven);
    }

    @Test
    void aSystemPropertyFollowedByAnotherFlagIsRefusedToo() {
        for (String item : List.of(
                "-Dspring.profiles.active=prod -Xmx512m",
                "-Da=1 -Db=2",
                "-Xss1m -ea",
                "-Dx=y --add-opens java.base/java.lang=ALL-UNNAMED",
                "-Xmx1g -javaagent:/opt/agent.jar")) {
            assertInvalid("jvmFlags", () -> Parameters.jvmFlags(List.of(item)));
        }
    }

    @Test
    void anItemThatIsNoFlagIsRefusedNamingTheCommaThatSplitIt() {
        // -Ddocker-layer.jvmFlags=-Dlist=a,b reaches the plugin as two items
        InvalidParameterException e = assertInvalid("jvmFlags", () -> Parameters.jvmFlags(List.of("-Dlist=a", "b")));
        assertTrue(
                e.getMessage().contains("'b' is not a JVM flag")
                        && e.getMessage().contains("one <jvmFlag> each"),
                e.getMessage());
    }

    @Test
    void aBackslashKeepsACommaInAKeyValue() {
        assertEquals(
                Map.of("JAVA_TOOL_OPTIONS", "-agentlib:jdwp=transport=dt_socket,server=y", "B", "2"),
                Parameters.keyValues(
                        "environment", null, "JAVA_TOOL_OPTIONS=-agentlib:jdwp=transport=dt_socket\\,server=y,B=2"));
    }

    @Test
    void oneFlagWithSpacesInItsValuePasses() {
        List<String> flags = List.of(
                "-Dopts=-a -b", "-XX:OnOutOfMemoryError=kill -9 %p", "-javaagent:/opt/my agent.jar", " -Xss1m ");
        assertEquals(
                List.of("-Dopts=-a -b", "-XX:OnOutOfMemoryError=kill -9 %p", "-javaagent:/opt/my agent.jar", "-Xss1m"),
                Parameters.jvmFlags(flags));
        assertEquals(List.of(), Parameters.jvmFlags(null));
    }

    // ---- baseVersion

    @Test
    void baseVersionUnsetMeansDerived() {
        assertNull(Parameters.baseVersion(null));
        assertNull(Parameters.baseVersion(""));
        assertNull(Parameters.baseVersion("   "));
    }

    @Test
    void baseVersionIsTrimmed() {
        assertEquals("2024.1", Parameters.baseVersion(" 2024.1 "));
    }

    @Test
    void invalidBaseVersionIsRejected() {
        InvalidParameterException e = assertInvalid("baseVersion", () -> Parameters.baseVersion("1/2"));
        assertTrue(e.getMessage().contains("'1/2'"), e.getMessage());
        assertInvalid("baseVersion", () -> Parameters.baseVersion(".1"));
    }

    // ---- mainClass

    @Test
    void mainClassIsCheckedAndTrimmed() {
        assertNull(Parameters.mainClass(null));
        assertNull(Parameters.mainClass(" "));
        assertEquals("com.example.Main", Parameters.mainClass(" com.example.Main "));
        assertEquals("Main", Parameters.mainClass("Main"));
        assertEquals("com.example.Outer$Inner", Parameters.mainClass("com.example.Outer$Inner"));
    }

    @Test
    void invalidMainClassIsRejected() {
        for (String bad :
                new String[] {"1Main", "com..Main", "com/example/Main", "com.example.", "com.example.Main.class x"}) {
            InvalidParameterException e = assertInvalid("mainClass", () -> Parameters.mainClass(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    // ---- ports

    @Test
    void portsAreNormalizedToExposedPortsKeys() {
        assertEquals(
                List.of("8080/tcp", "53/udp", "9000/sctp", "1/tcp", "65535/tcp"),
                Parameters.ports(List.of("8080", "53/udp", " 9000/sctp ", "8080/tcp", "1", "65535")));
        assertEquals(List.of(), Parameters.ports(null));
        assertEquals(List.of(), Parameters.ports(List.of()));
    }

    @Test
    void invalidPortsAreRejected() {
        for (String bad :
                new String[] {"0", "65536", "99999", "123456", "http", "8080/http", "8080/", "-1", "", "80 80"}) {
            InvalidParameterException e = assertInvalid("ports", () -> Parameters.ports(List.of(bad)));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertInvalid("ports", () -> Parameters.ports(Arrays.asList((String) null)));
    }

    @Test
    void portsWithLeadingZerosAreNormalized() {
        assertEquals(List.of("8080/tcp"), Parameters.ports(List.of("08080", "8080")));
    }

    // ---- outputTimestamp

    @Test
    void outputTimestampIsoWithOffset() {
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), Parameters.outputTimestamp("2024-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), Parameters.outputTimestamp("2024-01-01T01:00:00+01:00"));
        assertEquals(Instant.parse("2023-12-31T22:30:00Z"), Parameters.outputTimestamp(" 2024-01-01T00:00:00+01:30 "));
    }

    @Test
    void outputTimestampIsTruncatedToWholeSeconds() {
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), Parameters.outputTimestamp("2024-01-01T00:00:00.999Z"));
    }

    @Test
    void outputTimestampEpochSeconds() {
        assertEquals(Instant.ofEpochSecond(1704067200L), Parameters.outputTimestamp("1704067200"));
        assertEquals(Instant.ofEpochSecond(10), Parameters.outputTimestamp("10"));
    }

    @Test
    void outputTimestampUnsetOrOneCharacterMeansFixedEpoch() {
        assertEquals(Instant.ofEpochSecond(1), Parameters.FIXED_EPOCH);
        assertEquals(Parameters.FIXED_EPOCH, Parameters.outputTimestamp(null));
        assertEquals(Parameters.FIXED_EPOCH, Parameters.outputTimestamp(""));
        assertEquals(Parameters.FIXED_EPOCH, Parameters.outputTimestamp(" "));
        // Maven's convention: a single character such as "a" or "1" disables the timestamp.
        assertEquals(Parameters.FIXED_EPOCH, Parameters.outputTimestamp("a"));
        assertEquals(Parameters.FIXED_EPOCH, Parameters.outputTimestamp("9"));
        assertEquals(Parameters.FIXED_EPOCH, Parameters.outputTimestamp(" x "));
    }

    @Test
    void invalidOutputTimestampIsRejected() {
        for (String bad : new String[] {
            "yesterday",
            "2024-01-01",
            "2024-01-01T00:00:00",
            "2024-13-01T00:00:00Z",
            "-5",
            "99999999999999999999",
            "1.5"
        }) {
            InvalidParameterException e = assertInvalid("outputTimestamp", () -> Parameters.outputTimestamp(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    // ---- workingDirectory

    @Test
    void workingDirectory() {
        assertNull(Parameters.workingDirectory(null));
        assertNull(Parameters.workingDirectory(" "));
        assertEquals("/app", Parameters.workingDirectory(" /app "));
        assertInvalid("workingDirectory", () -> Parameters.workingDirectory("app"));
    }

    // ---- keyValues

    @Test
    void keyValuesMergesPomAndPropertyAndThePropertyWins() {
        Map<String, String> pom = new LinkedHashMap<>();
        pom.put("ZED", "z");
        pom.put("JAVA_TOOL_OPTIONS", "-Xmx1g");
        pom.put("EMPTY", null);
        Map<String, String> merged = Parameters.keyValues("environment", pom, "JAVA_TOOL_OPTIONS=-Xmx2g, NEW=a=b");
        assertEquals(Map.of("ZED", "z", "JAVA_TOOL_OPTIONS", "-Xmx2g", "EMPTY", "", "NEW", "a=b"), merged);
        assertEquals(
                List.of("EMPTY", "JAVA_TOOL_OPTIONS", "NEW", "ZED"), new ArrayList<>(merged.keySet()), "sorted by key");
    }

    @Test
    void keyValuesWithoutProperty() {
        assertEquals(Map.of("a", "1"), Parameters.keyValues("labels", Map.of("a", "1"), null));
        assertEquals(Map.of("a", "1"), Parameters.keyValues("labels", Map.of("a", "1"), " "));
        assertEquals(Map.of(), Parameters.keyValues("labels", null, null));
        assertEquals(Map.of("k", ""), Parameters.keyValues("labels", null, "k="));
    }

    @Test
    void keyValuesRejectsABadPair() {
        InvalidParameterException e =
                assertInvalid("environment", () -> Parameters.keyValues("environment", Map.of(), "A=1,oops"));
        assertTrue(e.getMessage().contains("'oops'"), e.getMessage());
        assertTrue(e.getMessage().contains("KEY=VALUE"), e.getMessage());
        assertInvalid("labels", () -> Parameters.keyValues("labels", Map.of(), "=value"));
        assertInvalid("labels", () -> Parameters.keyValues("labels", Map.of(), "A=1,,B=2"));
    }

    @Test
    void keyValuesRejectsBadKeys() {
        InvalidParameterException e =
                assertInvalid("labels", () -> Parameters.keyValues("labels", Map.of("has space", "x"), null));
        assertTrue(e.getMessage().contains("'has space'"), e.getMessage());
        assertInvalid("environment", () -> Parameters.keyValues("environment", Map.of("", "x"), null));
        assertInvalid("environment", () -> Parameters.keyValues("environment", Map.of("A=B", "x"), null));
        assertInvalid("environment", () -> Parameters.keyValues("environment", null, " =x"));
    }

    // ---- repositoryOnly

    @Test
    void repositoryOnlyAcceptsARepository() {
        ImageReference ref = Parameters.repositoryOnly("image", "registry.example.com/team/app", "tags");
        assertEquals("registry.example.com", ref.registry());
        assertEquals("team/app", ref.repository());
        assertNull(ref.tag());
        assertNull(ref.digest());
    }

    @Test
    void repositoryOnlyRejectsTagOrDigest() {
        InvalidParameterException tagged =
                assertInvalid("image", () -> Parameters.repositoryOnly("image", "team/app:1.0", "tags"));
        assertTrue(tagged.getMessage().contains("'team/app'"), tagged.getMessage());
        assertTrue(tagged.getMessage().contains("<tags>"), tagged.getMessage());

        InvalidParameterException digested = assertInvalid(
                "base",
                () -> Parameters.repositoryOnly("base", "team/app-base@sha256:" + "a".repeat(64), "baseVersion"));
        assertTrue(digested.getMessage().contains("<baseVersion>"), digested.getMessage());
    }

    @Test
    void invalidRepositoryNamesTheParameter() {
        InvalidParameterException e =
                assertInvalid("image", () -> Parameters.repositoryOnly("image", "team/MyApp", "tags"));
        assertTrue(e.getMessage().contains("upper-case"), e.getMessage());
        assertInvalid("base", () -> Parameters.repositoryOnly("base", "", "baseVersion"));
        assertInvalid("image", () -> Parameters.repositoryOnly("image", "team/app:bad tag", "tags"));
    }

    // ---- list

    @Test
    void listDropsBlankItems() {
        assertEquals(List.of("-Xmx1g", "-Dx=y"), Parameters.list(Arrays.asList("-Xmx1g", "", null, " ", "-Dx=y")));
        assertEquals(List.of(), Parameters.list(null));
    }
}
