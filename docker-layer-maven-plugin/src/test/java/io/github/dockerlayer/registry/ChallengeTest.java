package io.github.dockerlayer.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengeTest {

    @Test
    void bearerWithQuotedCommasInScope() {
        Challenge c = Challenge.choose(List.of("Bearer realm=\"https://auth.example.com/token\","
                + "service=\"registry.example.com\",scope=\"repository:team/app:pull,push\""));
        assertTrue(c.isBearer());
        assertEquals("https://auth.example.com/token", c.realm());
        assertEquals("registry.example.com", c.service());
        assertEquals(List.of("repository:team/app:pull,push"), c.scopes());
    }

    @Test
    void severalScopesInOneParameterAreSplitOnSpaces() {
        Challenge c = Challenge.parse(
                        "Bearer realm=\"https://a/token\", scope=\"repository:a:pull" + " repository:b:pull,push\"")
                .get(0);
        assertEquals(List.of("repository:a:pull", "repository:b:pull,push"), c.scopes());
    }

    @Test
    void severalChallengesInOneHeaderAndBearerIsPreferred() {
        List<Challenge> all = Challenge.parse("Basic realm=\"Registry, with a comma\", Bearer realm=\"https://t/x\","
                + "service=s,error=\"insufficient_scope\"");
        assertEquals(2, all.size());
        assertEquals("Registry, with a comma", all.get(0).params().get("realm"));
        assertTrue(all.get(0).isBasic());
        Challenge chosen = Challenge.choose(List.of("Basic realm=\"r\"", "Bearer realm=\"https://t/x\",service=s"));
        assertTrue(chosen.isBearer());
        assertEquals("s", chosen.service());
        assertEquals("insufficient_scope", all.get(1).error());
    }

    @Test
    void schemeAndParameterNamesAreCaseInsensitiveAndEscapesAreUnquoted() {
        Challenge c = Challenge.parse("BEARER Realm=\"https://t/a \\\"b\\\"\" , Service = svc")
                .get(0);
        assertEquals("bearer", c.scheme());
        assertEquals("https://t/a \"b\"", c.realm());
        assertEquals("svc", c.service());
    }

    @Test
    void basicWithoutParametersAndUnusableHeaders() {
        assertTrue(Challenge.choose(List.of("Basic")).isBasic());
        assertNull(Challenge.choose(List.of()));
        assertNull(Challenge.choose(List.of("Negotiate abc==")));
        assertNull(Challenge.choose(List.of("Bearer service=\"no realm\"")), "a Bearer challenge needs a realm");
        assertTrue(Challenge.parse(null).isEmpty());
        assertTrue(Challenge.parse("  , ").isEmpty());
    }
}
