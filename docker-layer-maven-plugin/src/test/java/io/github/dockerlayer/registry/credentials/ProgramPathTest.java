package io.github.dockerlayer.registry.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramPathTest {
    @TempDir
    Path dir;

    private Path file(String folder, String name, boolean executable) throws IOException {
        Path file = Files.createDirectories(dir.resolve(folder)).resolve(name);
        Files.writeString(file, "#!/bin/sh\n");
        file.toFile().setExecutable(executable);
        return file;
    }

    @Test
    void theFirstExecutableOnThePathWins() throws IOException {
        file("a", "docker-credential-x", false);
        Path b = file("b", "docker-credential-x", true);
        file("c", "docker-credential-x", true);
        String path = String.join(
                File.pathSeparator,
                "",
                dir.resolve("missing").toString(),
                dir.resolve("a").toString(),
                dir.resolve("b").toString(),
                dir.resolve("c").toString());
        assertEquals(b.toAbsolutePath(), ProgramPath.find("docker-credential-x", Map.of("PATH", path)));
    }

    @Test
    void noneOnThePathIsNull() throws IOException {
        file("a", "docker-credential-x", true);
        assertNull(ProgramPath.find(
                "docker-credential-y", Map.of("PATH", dir.resolve("a").toString())));
        assertNull(ProgramPath.find("docker-credential-x", Map.of()));
        Files.createDirectories(dir.resolve("d").resolve("docker-credential-z"));
        assertNull(
                ProgramPath.find(
                        "docker-credential-z", Map.of("PATH", dir.resolve("d").toString())),
                "a dir");
    }
}
