package io.github.dockerlayer.maven;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReactorSummaryTest {
    @Test
    void aBuildWhoseImageGoalsSkippedEveryModuleFailsSayingWhy() {
        String failure = ReactorSummary.nothingProduced(Map.of(
                "svc-a", "<mainClass> com.example.Aplication is not among its classes or runtime dependencies",
                "lib", "no class with a main method"));
        assertTrue(
                failure.startsWith("The docker-layer image goals ran in 2 modules of this build and made no image:"),
                failure);
        assertTrue(
                failure.contains("\n  lib: no class with a main method\n  svc-a: <mainClass> com.example.Aplication"),
                failure);
        assertTrue(failure.contains("Fix the setting"), failure);
    }

    @Test
    void oneModuleWithAnImageIsEnoughAndNoImageGoalIsNoFailure() {
        assertNull(ReactorSummary.nothingProduced(Map.of("lib", "no class with a main method", "app", "produced")));
        assertNull(ReactorSummary.nothingProduced(Map.of()));
    }
}
