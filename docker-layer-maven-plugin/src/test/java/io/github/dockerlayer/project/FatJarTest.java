package io.github.dockerlayer.project;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A jar that bundles dependencies is refused in packaged mode: they are in the base already. */
class FatJarTest {
    @TempDir
    Path temp;

    private Path classes() throws IOException {
        Path classes = temp.resolve("classes");
        Files.createDirectories(classes.resolve("com/example"));
        Files.writeString(classes.resolve("com/example/Main.class"), "c");
        return classes;
    }

    private Path jar(String... names) throws IOException {
        Path jar = temp.resolve("app.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                ZipOutputStream zip = new ZipOutputStream(file)) {
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                zip.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void thePlainJarOfMavenJarPluginPasses() throws IOException {
        assertNull(FatJar.problem(
                jar(
                        "META-INF/",
                        "META-INF/MANIFEST.MF",
                        "com/",
                        "com/example/",
                        "com/example/Main.class",
                        "META-INF/maven/com.example/app/pom.xml",
                        "META-INF/maven/com.example/app/pom.properties"),
                classes(),
                "com.example",
                "app"));
    }

    @Test
    void aSpringBootRepackagedJarIsRefused() throws IOException {
        String problem = FatJar.problem(
                jar(
                        "META-INF/MANIFEST.MF",
                        "BOOT-INF/classes/com/example/Main.class",
                        "BOOT-INF/lib/spring-core-6.1.jar",
                        "org/springframework/boot/loader/launch/JarLauncher.class"),
                classes(),
                "com.example",
                "app");
        assertTrue(problem.contains("BOOT-INF"), problem);
    }

    @Test
    void aShadedJarIsRefused() throws IOException {
        String problem = FatJar.problem(
                jar(
                        "META-INF/MANIFEST.MF",
                        "com/example/Main.class",
                        "META-INF/maven/com.example/app/pom.xml",
                        "META-INF/maven/com.google.code.gson/gson/pom.xml",
                        "com/google/gson/Gson.class"),
                classes(),
                "com.example",
                "app");
        assertTrue(problem.contains("com.google.code.gson:gson"), problem);
        String classesOnly = FatJar.problem(
                jar("META-INF/MANIFEST.MF", "com/example/Main.class", "org/other/Lib.class"),
                classes(),
                "com.example",
                "app");
        assertTrue(classesOnly.contains("org/other/Lib.class"), classesOnly);
    }
}
