package io.github.dockerlayer.assemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.layer.ExtraDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code containerizingMode} and {@code extraDirectories} as the user writes them, checked before anything is built. */
class AppContentParametersTest {
    @TempDir
    Path temp;

    @Test
    void containerizingModeIsExplodedByDefaultOrPackaged() {
        assertEquals(ContainerizingMode.EXPLODED, ContainerizingMode.parse(null));
        assertEquals(ContainerizingMode.EXPLODED, ContainerizingMode.parse(" exploded "));
        assertEquals(ContainerizingMode.PACKAGED, ContainerizingMode.parse("PACKAGED"));
    }

    @Test
    void aBadContainerizingModeNamesTheParameterAndBothValues() {
        InvalidParameterException e =
                assertThrows(InvalidParameterException.class, () -> ContainerizingMode.parse("jar"));
        assertEquals("containerizingMode", e.parameter());
        assertTrue(
                e.getMessage().contains("'jar'")
                        && e.getMessage().contains("exploded")
                        && e.getMessage().contains("packaged"),
                e.getMessage());
    }

    @Test
    void pathsResolveAgainstTheProjectAndPermissionsAreOctal() throws IOException {
        Files.createDirectories(temp.resolve("src/main/docker-extra"));
        Files.writeString(temp.resolve("src/main/docker-extra/run.sh"), "#!/bin/sh");
        ExtraDirectories extra = ExtraDirectorySettings.of(
                temp,
                List.of(new ExtraDirectorySettings.PathSetting("src/main/docker-extra", "/opt/app/")),
                List.of(new ExtraDirectorySettings.PermissionSetting("/opt/app/run.sh", "755")));
        assertEquals(
                List.of(new ExtraDirectories.Source(temp.resolve("src/main/docker-extra"), "/opt/app")), extra.paths());
        assertEquals(Map.of("/opt/app/run.sh", 0755), extra.permissions());
    }

    @Test
    void aMissingDirectoryNamesTheParameterAndThePath() {
        InvalidParameterException e = assertThrows(
                InvalidParameterException.class,
                () -> ExtraDirectorySettings.of(
                        temp,
                        List.of(new ExtraDirectorySettings.PathSetting("src/main/docker-extra", "/opt/app")),
                        List.of()));
        assertEquals("extraDirectories", e.parameter());
        assertTrue(e.getMessage().contains(temp.resolve("src/main/docker-extra").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(
                e.getMessage().startsWith("Invalid <extraDirectories>: "),
                "no property form to name: " + e.getMessage());
    }

    @Test
    void badIntoModeOrFileFailNamingTheParameter() throws IOException {
        Files.createDirectories(temp.resolve("extra"));
        Files.writeString(temp.resolve("extra/run.sh"), "x");
        List<ExtraDirectorySettings.PathSetting> paths =
                List.of(new ExtraDirectorySettings.PathSetting("extra", "/opt"));
        for (var bad : List.<Runnable>of(
                () -> ExtraDirectorySettings.of(
                        temp, List.of(new ExtraDirectorySettings.PathSetting("extra", "opt")), List.of()),
                () -> ExtraDirectorySettings.of(
                        temp, List.of(new ExtraDirectorySettings.PathSetting(null, "/opt")), List.of()),
                () -> ExtraDirectorySettings.of(
                        temp, paths, List.of(new ExtraDirectorySettings.PermissionSetting("/opt/run.sh", "rwx"))),
                () -> ExtraDirectorySettings.of(
                        temp, paths, List.of(new ExtraDirectorySettings.PermissionSetting("/opt/run.sh", "1755"))),
                () -> ExtraDirectorySettings.of(
                        temp, paths, List.of(new ExtraDirectorySettings.PermissionSetting("run.sh", "755"))),
                () -> ExtraDirectorySettings.of(
                        temp, paths, List.of(new ExtraDirectorySettings.PermissionSetting("/opt/other.sh", "755"))))) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class, bad::run);
            assertEquals("extraDirectories", e.parameter());
        }
    }

    @Test
    void unsetTheDefaultIsJibsSrcMainJibIntoRootWhenItExists() throws IOException {
        assertEquals(ExtraDirectories.NONE, ExtraDirectorySettings.of(temp, null, null));
        Files.createDirectories(temp.resolve("src/main/jib/etc"));
        assertEquals(
                List.of(new ExtraDirectories.Source(temp.resolve("src/main/jib"), "/")),
                ExtraDirectorySettings.of(temp, null, null).paths());
    }
}
