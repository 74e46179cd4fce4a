package io.github.dockerlayer.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerlayer.assemble.AppRuntime;
import io.github.dockerlayer.assemble.BuildRequest;
import io.github.dockerlayer.assemble.ImageBuild;
import io.github.dockerlayer.assemble.Parameters;
import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.layer.DependencyFile;
import io.github.dockerlayer.layout.OciLayout;
import io.github.dockerlayer.log.RecordingLog;
import io.github.dockerlayer.record.BuiltImage;
import io.github.dockerlayer.source.FromImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dockerfile goal's Dockerfile and context, in-process. */
class DockerfileWriterTest {
    private static final Instant TIMESTAMP = Instant.parse("2024-05-01T10:00:00Z");

    @TempDir
    Path temp;

    private final RecordingLog log = new RecordingLog();
    private final List<String> logLines = log.lines();

    private Path project(String dir, long mtimeMillis) throws IOException {
        Path root = temp.resolve(dir);
        write(root.resolve("repo/guava.jar"), "guava bytes", mtimeMillis);
        write(root.resolve("repo/snap.jar"), "snapshot bytes", mtimeMillis);
        write(root.resolve("target/classes/com/example/Main.class"), "main class bytes", mtimeMillis);
        write(root.resolve("target/classes/static/two words.txt"), "hello", mtimeMillis);
        return root;
    }

    private static List<DependencyFile> dependencies(Path root) {
        return List.of(
                new DependencyFile(
                        "com.google.guava",
                        "guava",
                        "33.0",
                        null,
                        "jar",
                        root.resolve("repo/guava.jar"),
                        DependencyFile.Kind.RELEASE),
                new DependencyFile(
                        "org.example",
                        "snap",
                        "1.0-SNAPSHOT",
                        null,
                        "jar",
                        root.resolve("repo/snap.jar"),
                        DependencyFile.Kind.SNAPSHOT));
    }

    private BuildRequest request(Path root, String from, Map<String, String> environment, String baseVersion) {
        Map<String, String> labels = new TreeMap<>(Map.of("quote", "say \"hi\" for $5", "team", "core"));
        return new BuildRequest(
                root,
                root.resolve("target/docker-layer"),
                root.resolve("target/classes"),
                FromImage.parse(from, root),
                ImageReference.parse("example/app-base"),
                baseVersion,
                ImageReference.parse("example/app"),
                List.of("1.2.3", "latest"),
                "com.example.Main",
                new AppRuntime(
                        List.of("-Dgreeting=a b"),
                        List.of("--serve", "$HOME"),
                        environment,
                        List.of("8080/tcp"),
                        labels,
                        "1000:1000",
                        "/work dir",
                        TIMESTAMP),
                dependencies(root),
                "1.2.3",
                null,
                null,
                Platform.LINUX_AMD64,
                null,
                BuildRequest.AppContent.NONE);
    }

    private DockerfileWriter.Written write(BuildRequest request, List<String> instructions, String dockerfileFrom)
            throws IOException {
        return new DockerfileWriter(
                        new ImageBuild(request, log), log, BaseInstructions.of(instructions), dockerfileFrom)
                .write();
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MODE", "prod");
        env.put("GREETING", "a \"b\" \\ $c");
        return env;
    }

    @Test
    void goldenDockerfileForASmallProject() throws IOException {
        Path root = project("p", 0);
        DockerfileWriter.Written written =
                write(request(root, "scratch", environment(), "7"), List.of("RUN mkdir -p /opt/extra"), null);
        assertEquals(root.resolve("target/docker-layer/docker"), written.directory());
        assertEquals("""
                # Written by docker-layer-maven-plugin's dockerfile goal: the project's base and app
                # images as Docker builds them. Rerun the goal rather than editing it. In this directory:
                #   docker build --target base -t example/app-base:7 .
                #   docker build --target app --cache-from example/app-base:7 -t example/app:1.2.3 -t example/app:latest .

                FROM scratch AS base
                RUN mkdir -p /opt/extra
                COPY ["context/dependencies/", "/"]
                COPY ["context/snapshot-dependencies/", "/"]

                FROM base AS app
                COPY ["context/launch/", "/"]
                COPY ["context/resources/", "/"]
                COPY ["context/classes/", "/"]
                ENV MODE="prod" \\
                    GREETING="a \\"b\\" \\\\ \\$c"
                EXPOSE 8080/tcp
                USER "1000:1000"
                WORKDIR "/work dir"
                LABEL org.opencontainers.image.created="2024-05-01T10:00:00Z" \\
                    org.opencontainers.image.version="1.2.3" \\
                    org.opencontainers.image.base.name="example/app-base:7" \\
                    quote="say \\"hi\\" for \\$5" \\
                    team="core"
                ENTRYPOINT ["java", "-Dgreeting=a b", "-cp", "/app/resources:/app/classes:/app/libs/guava-33.0.jar:/app/libs/snap-1.0-SNAPSHOT.jar", "com.example.Main"]
                CMD ["--serve", "$HOME"]
                """, Files.readString(written.directory().resolve("Dockerfile")));
        assertEquals(
                List.of(
                        "docker build --target base -t example/app-base:7 DIR",
                        "docker build --target app --cache-from example/app-base:7 -t example/app:1.2.3 -t example/app:latest DIR"),
                written.builds().stream().map(b -> b.command("DIR")).toList());
        assertFalse(Files.exists(root.resolve("target/docker-layer/oci")), "the dockerfile goal writes no layout");
    }

    @Test
    void theContextHoldsEachLayersFilesAsTheImageHasThemWithTheLayersTimesAndModes() throws IOException {
        Path root = project("p", 1_600_000_000_000L);
        Path docker =
                write(request(root, "scratch", Map.of(), null), List.of(), null).directory();
        Map<String, String> files = files(docker);
        assertEquals(
                List.of(
                        "Dockerfile",
                        "context/classes/app/classes/com/example/Main.class",
                        "context/dependencies/app/libs/guava-33.0.jar",
                        "context/launch/app/docker-layer/classpath",
                        "context/launch/app/docker-layer/main-class",
                        "context/resources/app/resources/static/two words.txt",
                        "context/snapshot-dependencies/app/libs/snap-1.0-SNAPSHOT.jar"),
                new ArrayList<>(files.keySet()));
        assertEquals("guava bytes", files.get("context/dependencies/app/libs/guava-33.0.jar"));
        assertEquals("com.example.Main\n", files.get("context/launch/app/docker-layer/main-class"));
        assertEquals(
                "/app/resources:/app/classes:/app/libs/guava-33.0.jar:/app/libs/snap-1.0-SNAPSHOT.jar\n",
                files.get("context/launch/app/docker-layer/classpath"));
        assertEquals(
                FileTime.from(Parameters.FIXED_EPOCH),
                Files.getLastModifiedTime(docker.resolve("context/dependencies/app/libs/guava-33.0.jar")));
        assertEquals(
                FileTime.from(TIMESTAMP),
                Files.getLastModifiedTime(docker.resolve("context/classes/app/classes/com/example/Main.class")));
        assertEquals(FileTime.from(TIMESTAMP), Files.getLastModifiedTime(docker.resolve("context/classes/app")));
        assertEquals(
                "rw-r--r--",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(docker.resolve("Dockerfile"))));
        assertEquals(
                "rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(docker.resolve("context"))));
        assertFalse(Files.exists(docker.resolve(".dockerignore")));
        assertFalse(Files.exists(root.resolve("target/docker-layer/docker.partial")));
    }

    @Test
    void sameInputsGiveTheSameBytesAndTimesAnywhereAndARerunReplacesWhatWasThere() throws IOException {
        Path a = project("a", 1_600_000_000_000L);
        Path b = project("b", 1_700_000_000_000L);
        Path dockerA = write(request(a, "scratch", environment(), null), List.of("RUN true"), null)
                .directory();
        Path dockerB = write(request(b, "scratch", environment(), null), List.of("RUN true"), null)
                .directory();
        assertEquals(files(dockerA), files(dockerB));
        assertEquals(times(dockerA), times(dockerB));
        // A rerun after a dependency went away leaves no stale file; the derived base version moves.
        String before = Files.readString(dockerA.resolve("Dockerfile"));
        Files.writeString(dockerA.resolve("stale"), "x");
        BuildRequest fewer = request(a, "scratch", environment(), null);
        fewer = new BuildRequest(
                fewer.projectDirectory(),
                fewer.outputDirectory(),
                fewer.classesDirectory(),
                fewer.from(),
                fewer.base(),
                null,
                fewer.image(),
                fewer.tags(),
                fewer.mainClass(),
                fewer.runtime(),
                fewer.dependencies().subList(0, 1),
                fewer.version(),
                null,
                null,
                fewer.platform(),
                null,
                BuildRequest.AppContent.NONE);
        DockerfileWriter.Written again = new DockerfileWriter(new ImageBuild(fewer, log), log, List.of(), null).write();
        assertFalse(Files.exists(dockerA.resolve("stale")));
        assertFalse(Files.exists(dockerA.resolve("context/snapshot-dependencies")));
        assertFalse(again.base().tag().equals(baseTag(before)), before);
    }

    @Test
    void baseInstructionsMoveTheDerivedBaseVersion() throws IOException {
        Path root = project("p", 0);
        String plain = write(request(root, "scratch", Map.of(), null), List.of(), null)
                .base()
                .tag();
        String withRun = write(request(root, "scratch", Map.of(), null), List.of("RUN true"), null)
                .base()
                .tag();
        assertEquals(12, plain.length());
        assertFalse(plain.equals(withRun));
        assertEquals(
                plain,
                write(request(root, "scratch", Map.of(), null), List.of(), null)
                        .base()
                        .tag());
    }

    @Test
    void theEntrypointIsThePluginsOwn() throws IOException {
        Path root = project("p", 0);
        BuildRequest request = request(root, "scratch", environment(), "7");
        String dockerfile =
                Files.readString(write(request, List.of(), null).directory().resolve("Dockerfile"));
        BuiltImage app = new ImageBuild(request, log).buildApp();
        JsonNode config = app.image().config().path("config");
        assertTrue(
                dockerfile.contains("ENTRYPOINT "
                        + Json.MAPPER
                                .writeValueAsString(config.path("Entrypoint"))
                                .replace(",", ", ") + "\n"),
                dockerfile);
        assertTrue(
                dockerfile.contains("CMD "
                        + Json.MAPPER.writeValueAsString(config.path("Cmd")).replace(",", ", ") + "\n"),
                dockerfile);
    }

    @Test
    void anOciLayoutFromIsRefusedNamingFromAndTheWayOut() throws IOException {
        Path root = project("p", 0);
        String from = jre(Map.of());
        InvalidParameterException e = assertThrows(
                InvalidParameterException.class, () -> write(request(root, from, Map.of(), null), List.of(), null));
        assertTrue(
                e.getMessage().contains("<from>")
                        && e.getMessage().contains(from)
                        && e.getMessage().contains("docker-daemon:")
                        && e.getMessage().contains("<dockerfileFrom>"),
                e.getMessage());
        assertFalse(Files.exists(root.resolve("target/docker-layer/docker")));
    }

    @Test
    void withDockerfileFromTheInheritedSettingsAreNotRepeatedAndDroppedLabelsAreSaid() throws IOException {
        Path root = project("p", 0);
        String from = jre(Map.of("org.opencontainers.image.title", "jre", "vendor", "us"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin"); // as inherited: not written
        env.put("MODE", "prod");
        String dockerfile =
                Files.readString(write(request(root, from, env, "7"), List.of(), "registry.example.com/jre:17")
                        .directory()
                        .resolve("Dockerfile"));
        assertTrue(dockerfile.contains("FROM registry.example.com/jre:17 AS base\n"), dockerfile);
        assertTrue(dockerfile.contains("ENV MODE=\"prod\"\n"), dockerfile);
        assertFalse(dockerfile.contains("PATH") || dockerfile.contains("vendor"), dockerfile);
        assertTrue(
                logLines.stream().anyMatch(l -> l.startsWith("WARN ") && l.contains("org.opencontainers.image.title")),
                logLines.toString());
        InvalidParameterException e = assertThrows(
                InvalidParameterException.class,
                () -> write(request(root, from, env, "7"), List.of(), "Not A Reference"));
        assertTrue(e.getMessage().contains("<dockerfileFrom>"), e.getMessage());
    }

    @Test
    void aValueWithALineBreakIsRefusedNamingItsParameter() throws IOException {
        Path root = project("p", 0);
        InvalidParameterException e = assertThrows(
                InvalidParameterException.class,
                () -> write(request(root, "scratch", Map.of("MULTI", "one\ntwo"), null), List.of(), null));
        assertTrue(e.getMessage().contains("<environment>") && e.getMessage().contains("one\\ntwo"), e.getMessage());
    }

    /** A JRE-like image in an OCI layout with PATH set and the labels given; returns its from spec. */
    private String jre(Map<String, String> labels) throws IOException {
        OciLayout layout = OciLayout.openOrCreate(temp.resolve("jre"));
        var manifest = layout.writeImage(Images.withContainerConfig(Images.scratch(), config -> {
            config.putArray("Env").add("PATH=/usr/bin");
            labels.forEach(config.putObject("Labels")::put);
        }));
        layout.writeIndex(List.of(manifest.withAnnotations(Map.of("org.opencontainers.image.ref.name", "17"))));
        return "oci:" + temp.resolve("jre") + ":17";
    }

    private static String baseTag(String dockerfile) {
        return dockerfile
                .lines()
                .filter(l -> l.startsWith("#   docker build --target base"))
                .findFirst()
                .orElseThrow()
                .replaceAll(".*:([0-9a-f]+) \\.$", "$1");
    }

    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }

    private static Map<String, FileTime> times(Path root) throws IOException {
        Map<String, FileTime> times = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                times.put(root.relativize(path).toString(), Files.getLastModifiedTime(path));
            }
        }
        return times;
    }

    private static void write(Path file, String content, long mtimeMillis) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeMillis));
    }

    @Test
    void packagedModeAndExtraDirectoriesGoIntoTheAppStageInTheImagesOrderWithTheirModes() throws IOException {
        Path root = project("p", 0);
        Path jar = root.resolve("target/app-1.2.3.jar");
        write(jar, "jar bytes", 0);
        write(root.resolve("src/main/docker-extra/run.sh"), "#!/bin/sh", 0);
        io.github.dockerlayer.layer.ExtraDirectories extra = new io.github.dockerlayer.layer.ExtraDirectories(
                List.of(new io.github.dockerlayer.layer.ExtraDirectories.Source(
                        root.resolve("src/main/docker-extra"), "/opt/app")),
                Map.of("/opt/app/run.sh", 0755));
        Path docker = write(request(root, "scratch", Map.of(), "7").withAppContent(jar, extra), List.of(), null)
                .directory();
        String dockerfile = Files.readString(docker.resolve("Dockerfile"));
        assertTrue(dockerfile.contains("""
                FROM base AS app
                COPY ["context/launch/", "/"]
                COPY ["context/extra-directories/", "/"]
                COPY ["context/jar/", "/"]
                """), dockerfile);
        assertTrue(dockerfile.contains("\"-cp\", \"/app/app.jar:/app/libs/guava-33.0.jar"), dockerfile);
        assertEquals("jar bytes", Files.readString(docker.resolve("context/jar/app/app.jar")));
        assertEquals(
                "rwxr-xr-x",
                PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(docker.resolve("context/extra-directories/opt/app/run.sh"))));
        assertEquals(
                "rw-r--r--",
                PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(docker.resolve("context/jar/app/app.jar"))));
    }
}
