package io.github.dockerlayer.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.maven.MavenWording;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonPushTest {
    @Test
    void nothingBuiltSaysWhichGoalsToRunInMavensWords(@TempDir Path dir) {
        BuildLog log = new BuildLog() {
            @Override
            public void info(String line) {}

            @Override
            public void warn(String line) {}
        };
        DaemonPush push = new DaemonPush(
                dir,
                null,
                () -> {
                    throw new AssertionError("connected with nothing to push");
                },
                log);
        IOException e = assertThrows(IOException.class, push::push);
        assertEquals(
                "there is no image to push: " + dir.resolve("base.json") + " is missing. Build it first, in the same"
                        + " run: mvn package docker-layer:image -Ddocker-layer.load=true docker-layer:push"
                        + " -Ddocker-layer.pushFrom=daemon.",
                MavenWording.phrase(e.getMessage()));
    }
}
