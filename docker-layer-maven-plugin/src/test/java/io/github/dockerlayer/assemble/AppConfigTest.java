package io.github.dockerlayer.assemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.image.Annotations;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.layer.QuarkusLayout;
import io.github.dockerlayer.source.FromImage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The app's typed runtime settings, from the request and the config of the image under the app. */
class AppConfigTest {
    private static final Path ROOT = Path.of("/project");
    private static final Instant TIME = Instant.parse("2024-01-01T00:00:00Z");
    private static final List<String> CLASSPATH = List.of("/app/launch", "/app/classes", "/app/libs/a-1.jar");
    private static final String BASE = "example/app-base:1a2b3c4d5e6f";
    private static final String BASE_DIGEST = "sha256:" + "ab".repeat(32);

    /** What a test sets; everything else as a plain exploded project. */
    private static final class Settings {
        List<String> jvmFlags = List.of();
        List<String> args = List.of();
        Map<String, String> environment = Map.of();
        List<String> ports = List.of();
        Map<String, String> labels = Map.of();
        String user;
        String workingDirectory;
        String revision;
        String source;
        boolean quarkus;

        BuildRequest request() {
            BuildRequest request = new BuildRequest(
                    ROOT,
                    ROOT.resolve("target/docker-layer"),
                    ROOT.resolve("target/classes"),
                    FromImage.parse("scratch", ROOT),
                    ImageReference.parse("example/app-base"),
                    null,
                    ImageReference.parse("example/app"),
                    List.of("1.0"),
                    "com.example.Main",
                    new AppRuntime(jvmFlags, args, environment, ports, labels, user, workingDirectory, TIME),
                    List.of(),
                    "1.0",
                    revision,
                    source,
                    Platform.LINUX_AMD64,
                    null,
                    BuildRequest.AppContent.NONE);
            return quarkus ? request.withQuarkusApp(new QuarkusApp(ROOT.resolve("target/quarkus-app"))) : request;
        }

        AppConfig over(JsonNode inherited, boolean nonAscii) {
            return AppConfig.of(
                    request(),
                    inherited,
                    quarkus ? List.of() : CLASSPATH,
                    quarkus ? null : "com.example.Main",
                    BASE,
                    BASE_DIGEST,
                    nonAscii);
        }

        AppConfig over(JsonNode inherited) {
            return over(inherited, false);
        }
    }

    private static ObjectNode inherited(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.asText()));
        return values;
    }

    @Test
    void theEntrypointRunsTheMainClassOnTheClasspathWithTheFlagsAndCmdIsTheArgs() {
        Settings settings = new Settings();
        settings.jvmFlags = List.of("-Xmx64m", "-Dmode=prod");
        settings.args = List.of("--serve", "8080");
        AppConfig config = settings.over(Json.object());
        assertEquals(
                List.of(
                        "java",
                        "-Xmx64m",
                        "-Dmode=prod",
                        "-cp",
                        "/app/launch:/app/classes:/app/libs/a-1.jar",
                        "com.example.Main"),
                config.entrypoint());
        assertEquals(List.of("--serve", "8080"), config.cmd());
    }

    @Test
    void aQuarkusAppRunsItsRunnerJarWithQuarkussFlagsBeforeTheUsersAndQuarkussDefaults() {
        Settings settings = new Settings();
        settings.quarkus = true;
        settings.jvmFlags = List.of("-Dquarkus.http.host=127.0.0.1");
        AppConfig config = settings.over(Json.object());
        List<String> expected = new ArrayList<>(List.of("java"));
        expected.addAll(AppConfig.QUARKUS_FLAGS);
        expected.addAll(List.of("-Dquarkus.http.host=127.0.0.1", "-jar", QuarkusLayout.RUNNER));
        assertEquals(expected, config.entrypoint(), "the user's flags come after Quarkus's, so they win");
        assertEquals(List.of("8080/tcp"), config.ports());
        assertEquals(AppConfig.QUARKUS_USER, config.user());
        assertEquals("185", config.user());
        assertEquals(QuarkusLayout.ROOT, config.workingDirectory());
    }

    @Test
    void aQuarkusAppKeepsWhatTheUserSets() {
        Settings settings = new Settings();
        settings.quarkus = true;
        settings.ports = List.of("9090/tcp");
        settings.user = "1000:1000";
        settings.workingDirectory = "/srv";
        AppConfig config = settings.over(Json.object());
        assertEquals(List.of("9090/tcp"), config.ports());
        assertEquals("1000:1000", config.user());
        assertEquals("/srv", config.workingDirectory());
    }

    @Test
    void aPlainAppSetsNoUserDirectoryOrPortsOfItsOwn() {
        AppConfig config = new Settings().over(Json.object());
        assertEquals(List.of(), config.ports());
        assertNull(config.user());
        assertNull(config.workingDirectory());
        assertEquals(List.of(), config.cmd());
    }

    @Test
    void theEnvironmentStaysAsInheritedWhenNothingIsAdded() {
        AppConfig config = new Settings().over(inherited("{\"Env\":[\"PATH=/usr/bin\",\"JAVA_HOME=/opt/java\"]}"));
        assertNull(config.env());
        assertFalse(config.localeSet());
    }

    @Test
    void theEnvironmentKeepsTheInheritedOrderReplacingInPlaceAndAddingAfter() {
        Settings settings = new Settings();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("JAVA_HOME", "/opt/jdk");
        environment.put("MODE", "prod");
        settings.environment = environment;
        AppConfig config =
                settings.over(inherited("{\"Env\":[\"PATH=/usr/bin\",\"JAVA_HOME=/opt/java\",\"BARE\",\"EQ=a=b\"]}"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("PATH", "/usr/bin");
        expected.put("JAVA_HOME", "/opt/jdk");
        expected.put("BARE", null);
        expected.put("EQ", "a=b");
        expected.put("MODE", "prod");
        assertEquals(expected, config.env());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(config.env().keySet()));
    }

    @Test
    void nonAsciiPathsSetAUtf8LocaleUnlessOneIsSet() {
        AppConfig config = new Settings().over(inherited("{\"Env\":[\"PATH=/usr/bin\"]}"), true);
        assertTrue(config.localeSet());
        assertEquals(Map.of("PATH", "/usr/bin", "LANG", "C.UTF-8"), config.env());
        for (String locale : List.of("LANG", "LC_ALL", "LC_CTYPE")) {
            AppConfig set = new Settings().over(inherited("{\"Env\":[\"" + locale + "=de_DE.UTF-8\"]}"), true);
            assertFalse(set.localeSet(), locale);
            assertNull(set.env(), locale);
        }
        Settings user = new Settings();
        user.environment = Map.of("LC_ALL", "C");
        AppConfig chosen = user.over(Json.object(), true);
        assertFalse(chosen.localeSet());
        assertEquals(Map.of("LC_ALL", "C"), chosen.env());
    }

    @Test
    void labelsKeepTheInheritedOnesButTheImageBelowsOwnAndAddTheAppsThenTheUsers() {
        Settings settings = new Settings();
        settings.revision = "0123456789abcdef0123456789abcdef01234567";
        settings.source = "https://example.com/app";
        settings.labels = Map.of("team", "core", Annotations.VERSION, "1.0-custom");
        AppConfig config = settings.over(inherited("{\"Labels\":{\"maintainer\":\"jre team\","
                + "\"org.opencontainers.image.title\":\"jre\",\"org.opencontainers.image.version\":\"21\"}}"));
        assertEquals(
                List.of(
                        "maintainer",
                        Annotations.CREATED,
                        Annotations.VERSION,
                        Annotations.REVISION,
                        Annotations.SOURCE,
                        Annotations.BASE_NAME,
                        Annotations.BASE_DIGEST,
                        "team"),
                List.copyOf(config.labels().keySet()));
        assertEquals("jre team", config.labels().get("maintainer"));
        assertEquals("2024-01-01T00:00:00Z", config.labels().get(Annotations.CREATED));
        assertEquals("1.0-custom", config.labels().get(Annotations.VERSION), "the user's labels win");
        assertEquals(settings.revision, config.labels().get(Annotations.REVISION));
        assertEquals(settings.source, config.labels().get(Annotations.SOURCE));
        assertEquals(BASE, config.labels().get(Annotations.BASE_NAME));
        assertEquals(BASE_DIGEST, config.labels().get(Annotations.BASE_DIGEST));
        assertEquals(List.of("org.opencontainers.image.title", Annotations.VERSION), config.droppedLabels());
    }

    @Test
    void noRevisionSourceOrBaseDigestWhenNotKnown() {
        AppConfig config =
                AppConfig.of(new Settings().request(), Json.object(), CLASSPATH, "com.example.Main", BASE, null, false);
        assertEquals(
                List.of(Annotations.CREATED, Annotations.VERSION, Annotations.BASE_NAME),
                List.copyOf(config.labels().keySet()));
    }

    @Test
    void applyToWritesTheSettingsOverTheInheritedConfig() {
        Settings settings = new Settings();
        settings.args = List.of("--serve");
        settings.environment = Map.of("MODE", "prod");
        settings.ports = List.of("8080/tcp");
        settings.user = "1000";
        settings.workingDirectory = "/app";
        ObjectNode container = inherited("{\"Env\":[\"PATH=/usr/bin\"],\"Cmd\":[\"jshell\"],"
                + "\"ExposedPorts\":{\"9000/tcp\":{}},\"User\":\"root\",\"WorkingDir\":\"/\","
                + "\"Labels\":{\"maintainer\":\"jre team\",\"org.opencontainers.image.title\":\"jre\"}}");
        AppConfig config = settings.over(container);
        config.applyTo(container);
        assertEquals(config.entrypoint(), strings(container.path("Entrypoint")));
        assertEquals(List.of("--serve"), strings(container.path("Cmd")));
        assertEquals(List.of("PATH=/usr/bin", "MODE=prod"), strings(container.path("Env")));
        assertEquals(
                List.of("9000/tcp", "8080/tcp"),
                List.copyOf(Json.MAPPER
                        .convertValue(container.path("ExposedPorts"), Map.class)
                        .keySet()));
        assertEquals("1000", container.path("User").asText());
        assertEquals("/app", container.path("WorkingDir").asText());
        JsonNode labels = container.path("Labels");
        assertEquals("jre team", labels.path("maintainer").asText());
        assertTrue(labels.path("org.opencontainers.image.title").isMissingNode(), "the JRE's own label is left out");
        assertEquals(BASE, labels.path(Annotations.BASE_NAME).asText());
    }

    @Test
    void applyToWithoutArgsRemovesTheInheritedCmdAndKeepsWhatItDoesNotSet() {
        ObjectNode container = inherited("{\"Env\":[\"PATH=/usr/bin\",\"BARE\"],\"Cmd\":[\"jshell\"],"
                + "\"User\":\"root\",\"WorkingDir\":\"/\"}");
        new Settings().over(container).applyTo(container);
        assertTrue(container.path("Cmd").isMissingNode(), "the inherited Cmd would be arguments of the app");
        assertEquals(List.of("PATH=/usr/bin", "BARE"), strings(container.path("Env")), "Env byte for byte");
        assertEquals("root", container.path("User").asText());
        assertEquals("/", container.path("WorkingDir").asText());
        assertTrue(container.path("ExposedPorts").isMissingNode());

        ObjectNode withBare = inherited("{\"Env\":[\"BARE\"]}");
        Settings settings = new Settings();
        settings.environment = Map.of("MODE", "prod");
        settings.over(withBare).applyTo(withBare);
        assertEquals(List.of("BARE", "MODE=prod"), strings(withBare.path("Env")), "an entry without '=' stays so");
    }
}
