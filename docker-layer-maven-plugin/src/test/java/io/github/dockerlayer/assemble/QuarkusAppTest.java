package io.github.dockerlayer.assemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.failure.UnsupportedProjectException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which Quarkus packaging a project builds, and the checks on its fast-jar tree. */
class QuarkusAppTest {
    @TempDir
    Path temp;

    private Path applicationProperties(String text) throws IOException {
        Path file = temp.resolve("src/main/resources/application.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    /** A fast-jar tree as Quarkus 3 writes it under target/quarkus-app. */
    static Path fastJar(Path build) throws IOException {
        Path app = build.resolve("quarkus-app");
        for (String file : List.of(
                "quarkus-run.jar",
                "quarkus-app-dependencies.txt",
                "lib/boot/org.jboss.logging.jboss-logging-3.6.2.Final.jar",
                "lib/main/io.quarkus.quarkus-core-3.33.2.jar",
                "lib/main/com.example.lib-1.0-SNAPSHOT.jar",
                "quarkus/generated-bytecode.jar",
                "quarkus/quarkus-application.dat",
                "app/demo-1.0.0.jar")) {
            Path path = app.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, file);
        }
        return app;
    }

    @Test
    void fastJarIsTheDefault() throws IOException {
        QuarkusApp.PackageType type =
                QuarkusApp.packageType(Map.of(), Map.of(), Map.of(), temp.resolve("none.properties"));
        assertEquals("fast-jar", type.value());
        assertTrue(type.supported());
    }

    @Test
    void readsApplicationPropertiesWithTheProdProfileFirst() throws IOException {
        Path properties = applicationProperties(
                "quarkus.package.jar.type=mutable-jar\n%prod.quarkus.package.jar.type = uber-jar\n");
        QuarkusApp.PackageType type = QuarkusApp.packageType(Map.of(), Map.of(), Map.of(), properties);
        assertEquals("uber-jar", type.value());
        assertTrue(type.origin().contains("%prod.quarkus.package.jar.type"), type.origin());
        assertTrue(type.origin().contains("application.properties"), type.origin());
    }

    @Test
    void commandLineWinsOverPomOverApplicationProperties() throws IOException {
        Path properties = applicationProperties("quarkus.package.jar.type=uber-jar\n");
        assertEquals(
                "uber-jar",
                QuarkusApp.packageType(Map.of(), Map.of(), Map.of(), properties).value());
        assertEquals(
                "legacy-jar",
                QuarkusApp.packageType(Map.of(), Map.of(), Map.of("quarkus.package.jar.type", "legacy-jar"), properties)
                        .value());
        QuarkusApp.PackageType cli = QuarkusApp.packageType(
                Map.of("quarkus.package.jar.type", "fast-jar"),
                Map.of(),
                Map.of("quarkus.package.jar.type", "legacy-jar"),
                properties);
        assertEquals("fast-jar", cli.value());
        assertTrue(cli.supported());
    }

    @Test
    void environmentVariablesCount() throws IOException {
        assertEquals(
                "uber-jar",
                QuarkusApp.packageType(
                                Map.of(),
                                Map.of("QUARKUS_PACKAGE_JAR_TYPE", "uber-jar"),
                                Map.of(),
                                temp.resolve("none"))
                        .value());
    }

    @Test
    void olderNameAndNative() throws IOException {
        assertEquals(
                "uber-jar",
                QuarkusApp.packageType(
                                Map.of(), Map.of(), Map.of("quarkus.package.type", "uber-jar"), temp.resolve("none"))
                        .value());
        assertEquals(
                "native",
                QuarkusApp.packageType(
                                Map.of(), Map.of(), Map.of("quarkus.package.type", "native"), temp.resolve("none"))
                        .value());
        QuarkusApp.PackageType nativeEnabled = QuarkusApp.packageType(
                Map.of("quarkus.native.enabled", "true"), Map.of(), Map.of(), temp.resolve("none"));
        assertEquals("native", nativeEnabled.value());
        assertTrue(!nativeEnabled.supported());
        // "jar" is the older name of the fast-jar
        assertTrue(
                QuarkusApp.packageType(Map.of(), Map.of(), Map.of("quarkus.package.type", "jar"), temp.resolve("none"))
                        .supported());
    }

    @Test
    void unsupportedPackagingFailsNamingWhatIsSupportedAndHowToSwitch() throws IOException {
        Path properties = applicationProperties("quarkus.package.jar.type=uber-jar\n");
        Path build = temp.resolve("target");
        fastJar(build);
        QuarkusApp.PackageType type = QuarkusApp.packageType(Map.of(), Map.of(), Map.of(), properties);
        UnsupportedProjectException e =
                assertThrows(UnsupportedProjectException.class, () -> QuarkusApp.of(build, type));
        assertTrue(e.getMessage().contains("uber-jar"), e.getMessage());
        assertTrue(e.getMessage().contains("fast-jar"), e.getMessage());
        assertTrue(e.getMessage().contains("quarkus.package.jar.type=fast-jar"), e.getMessage());
        for (String other : List.of("legacy-jar", "mutable-jar", "native", "native-sources", "war")) {
            UnsupportedProjectException failure = assertThrows(
                    UnsupportedProjectException.class,
                    () -> QuarkusApp.of(
                            build,
                            QuarkusApp.packageType(
                                    Map.of("quarkus.package.jar.type", other), Map.of(), Map.of(), properties)));
            assertTrue(failure.getMessage().contains(other), failure.getMessage());
        }
    }

    @Test
    void notPackagedYetFailsSayingRunAfterPackage() {
        Path build = temp.resolve("target");
        UnsupportedProjectException e = assertThrows(
                UnsupportedProjectException.class,
                () -> QuarkusApp.of(build, QuarkusApp.packageType(Map.of(), Map.of(), Map.of(), temp.resolve("none"))));
        assertTrue(e.getMessage().contains("quarkus-run.jar"), e.getMessage());
        assertTrue(e.getMessage().contains("after the package phase"), e.getMessage());
    }

    @Test
    void theTreeAndItsLibraries() throws IOException {
        Path build = temp.resolve("target");
        Path tree = fastJar(build);
        QuarkusApp app =
                QuarkusApp.of(build, QuarkusApp.packageType(Map.of(), Map.of(), Map.of(), temp.resolve("none")));
        assertEquals(tree, app.directory());
        assertEquals(
                List.of(
                        tree.resolve("lib/boot/org.jboss.logging.jboss-logging-3.6.2.Final.jar"),
                        tree.resolve("lib/main/com.example.lib-1.0-SNAPSHOT.jar"),
                        tree.resolve("lib/main/io.quarkus.quarkus-core-3.33.2.jar")),
                app.libraries());
    }
}
