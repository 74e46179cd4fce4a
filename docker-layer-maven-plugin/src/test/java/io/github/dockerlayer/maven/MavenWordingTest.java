package io.github.dockerlayer.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.failure.Invocation;
import java.util.List;
import org.junit.jupiter.api.Test;

class MavenWordingTest {
    @Test
    void theDescriptorListsTheParametersWithProperties() {
        assertTrue(
                MavenWording.properties().containsAll(java.util.Set.of("from", "platform", "mainClass", "tags")),
                MavenWording.properties().toString());
        assertTrue(!MavenWording.properties().contains("extraDirectories"), "extraDirectories is set in the pom only");
    }

    @Test
    void theFirstMentionOfEachParameterGetsItsProperty() {
        String core = new InvalidParameterException(
                        "platform",
                        "<from> 'x' has no linux/s390x.",
                        "set <platform> to" + " one of those or choose another <from>.")
                .getMessage();
        assertEquals(
                "Invalid <platform> (property docker-layer.platform): <from> (property docker-layer.from) 'x' has no"
                        + " linux/s390x. Fix: set <platform> to one of those or choose another <from>.",
                MavenWording.phrase(core));
    }

    @Test
    void otherPluginsPathsAndPomOnlyParametersAreLeftAlone() {
        assertEquals(
                "from maven-jar-plugin's <archive><manifest><mainClass>; <extraDirectories> <paths>",
                MavenWording.phrase(
                        "from maven-jar-plugin's <archive><manifest><mainClass>; <extraDirectories> <paths>"));
        assertEquals(
                "set <tags> (property docker-layer.tags) twice <tags>",
                MavenWording.phrase("set <tags> (property docker-layer.tags) twice <tags>"));
    }

    @Test
    void whatTheCoreTellsTheUserToTypeBecomesAMavenCommandLine() {
        assertEquals(
                "drop -Ddocker-layer.failOnBaseChange, e.g. -Ddocker-layer.tags=1.0.0,latest, or run"
                        + " mvn package docker-layer:image -Ddocker-layer.load=true docker-layer:push"
                        + " -Ddocker-layer.pushFrom=daemon; Maven is offline (-o): run once without -o.",
                MavenWording.phrase("drop " + Invocation.parameter("failOnBaseChange") + ", e.g. "
                        + Invocation.parameter("tags", "1.0.0,latest") + ", or run "
                        + Invocation.goals(List.of("image", "load=true", "push", "pushFrom=daemon")) + "; "
                        + Invocation.OFFLINE + ": run once " + Invocation.ONLINE + "."));
        assertEquals(
                "mvn package docker-layer:base docker-layer:image docker-layer:push",
                MavenWording.commands(Invocation.goals(List.of("base", "image", "push"))));
        assertEquals("a log line <from>", MavenWording.commands("a log line <from>"));
    }

    @Test
    void aMessageThatSpellsThePropertyGetsItNoMore() {
        assertEquals(
                "drop -Ddocker-layer.failOnBaseChange (or <failOnBaseChange>) for this build",
                MavenWording.phrase("drop {{set failOnBaseChange}} (or <failOnBaseChange>) for this build"));
    }

    @Test
    void aRunOfTheImageGoalAfterPackage() {
        assertEquals(
                "run the goal after the package phase, e.g. mvn package docker-layer:image.",
                MavenWording.phrase("run the goal after the package phase, e.g. "
                        + io.github.dockerlayer.failure.Invocation.goals(java.util.List.of("image")) + "."));
    }
}
