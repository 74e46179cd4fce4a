package io.github.dockerlayer.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.failure.InvalidParameterException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaseInstructionsTest {
    @Test
    void baseInstructionsAreLinesOfOneInstructionEach() {
        assertEquals(
                List.of(
                        List.of("RUN apt-get update", "&& apt-get install -y curl"),
                        List.of("ENV TZ=UTC"),
                        List.of("run lower-case works too"),
                        List.of("# a comment")),
                BaseInstructions.of(List.of(
                        "  RUN apt-get update \\\n   && apt-get install -y curl\n",
                        "ENV TZ=UTC",
                        "run lower-case works too",
                        "# a comment")));
        assertEquals(List.of(), BaseInstructions.of(null));
    }

    @Test
    void emptyBaseInstructionsAreRefused() {
        for (String empty : new String[] {"", "  ", "\n \\\n"}) {
            InvalidParameterException e = assertThrows(
                    InvalidParameterException.class, () -> BaseInstructions.of(List.of("RUN true", empty)));
            assertTrue(
                    e.getMessage().contains("<baseInstructions>")
                            && e.getMessage().contains("empty"),
                    e.getMessage());
        }
    }

    @Test
    void aFromInBaseInstructionsIsRefused() {
        InvalidParameterException e = assertThrows(
                InvalidParameterException.class, () -> BaseInstructions.of(List.of("from debian:12 AS other")));
        assertTrue(
                e.getMessage().contains("<baseInstructions>")
                        && e.getMessage().contains("FROM")
                        && e.getMessage().contains("<from>"),
                e.getMessage());
    }

    @Test
    void aBaseInstructionWithoutAnInstructionIsRefused() {
        InvalidParameterException e = assertThrows(
                InvalidParameterException.class, () -> BaseInstructions.of(List.of("apt-get install -y curl")));
        assertTrue(
                e.getMessage().contains("<baseInstructions>") && e.getMessage().contains("RUN apt-get"),
                e.getMessage());
    }
}
