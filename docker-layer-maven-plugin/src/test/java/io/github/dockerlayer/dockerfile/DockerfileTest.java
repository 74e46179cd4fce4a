package io.github.dockerlayer.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileTest {

    @Test
    void quotedValuesEscapeWhatDockerWouldReadOtherwise() {
        assertEquals("\"plain\"", Dockerfile.quoted("plain"));
        assertEquals("\"two words\"", Dockerfile.quoted("two words"));
        assertEquals("\"a \\\"quote\\\"\"", Dockerfile.quoted("a \"quote\""));
        assertEquals("\"C:\\\\dir\\\\\"", Dockerfile.quoted("C:\\dir\\"));
        assertEquals("\"\\$HOME and \\${X}\"", Dockerfile.quoted("$HOME and ${X}"));
        assertEquals("\"caf\u00e9 'single'\"", Dockerfile.quoted("caf\u00e9 'single'"));
        assertEquals("\"\"", Dockerfile.quoted(""));
    }

    @Test
    void keysAreBareWhenDockerReadsThemAsWritten() {
        assertEquals("org.opencontainers.image.version", Dockerfile.key("org.opencontainers.image.version"));
        assertEquals("JAVA_HOME", Dockerfile.key("JAVA_HOME"));
        assertEquals("\"my key\"", Dockerfile.key("my key"));
        assertEquals("\"a\\$b\"", Dockerfile.key("a$b"));
    }

    @Test
    void execFormIsJson() {
        assertEquals(
                "[\"java\", \"-cp\", \"/app/a b:/app/c\", \"x\\\"y\\\\z\", \"l1\\nl2\", \"$NOT_EXPANDED\"]",
                Dockerfile.json(List.of("java", "-cp", "/app/a b:/app/c", "x\"y\\z", "l1\nl2", "$NOT_EXPANDED")));
        assertEquals("[\"\\u0001\\t\"]", Dockerfile.json(List.of("\u0001\t")));
        assertEquals("[]", Dockerfile.json(List.of()));
    }

    @Test
    void lineBreaksCannotBeWrittenOutsideJson() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dockerfile.quoted("a\nb"));
        assertTrue(e.getMessage().contains("a\\nb"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dockerfile.quoted("a\rb"));
        assertEquals("\"tab\there\"", Dockerfile.quoted("tab\there"));
    }

    @Test
    void instructionsOneALineAndPairsContinued() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("A", "1");
        env.put("B", "two words");
        String text = new Dockerfile()
                .comment("top")
                .from("scratch", "base")
                .instruction(List.of("RUN a", "&& b"))
                .copy("context/dependencies/", "/")
                .env(env)
                .env(Map.of())
                .label(Map.of("k", "v"))
                .expose(List.of("8080/tcp", "53/udp"))
                .expose(List.of())
                .user("1000:1000")
                .workdir("/work dir")
                .entrypoint(List.of("java"))
                .cmd(List.of("a"))
                .text();
        assertEquals("""
                # top
                FROM scratch AS base
                RUN a \\
                    && b
                COPY ["context/dependencies/", "/"]
                ENV A="1" \\
                    B="two words"
                LABEL k="v"
                EXPOSE 8080/tcp 53/udp
                USER "1000:1000"
                WORKDIR "/work dir"
                ENTRYPOINT ["java"]
                CMD ["a"]
                """, text);
    }
}
