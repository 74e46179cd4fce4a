package io.github.dockerlayer.dockerfile;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerlayer.assemble.AppConfig;
import io.github.dockerlayer.assemble.AppPlan;
import io.github.dockerlayer.assemble.BuildRequest;
import io.github.dockerlayer.assemble.ImageBuild;
import io.github.dockerlayer.assemble.Parameters;
import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.layer.LayerPlan;
import io.github.dockerlayer.log.BuildLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the images the plugin builds as a two-stage Dockerfile with its context, under
 * {@code target/docker-layer/docker/}, for teams that build with Docker (or need {@code RUN} steps in the base):
 * <pre>
 * FROM &lt;from&gt; AS base              the from image (a registry one pinned to the digest the plugin read)
 * &lt;baseInstructions&gt;                 the user's RUN, ENV... before the dependencies, so that a dependency
 *                                    change does not run them again
 * COPY context/dependencies/ /       the base layers, in the plugin's order and file layout
 * FROM base AS app
 * COPY context/launch/ /             the app layers: launch, extra-directories, resources, classes (or jar)
 * ENV, EXPOSE, USER, WORKDIR, LABEL, ENTRYPOINT, CMD   from the same {@link AppConfig} as the plugin's app image
 * </pre>
 * The context holds each layer's files under {@code context/<role>/}, as the image has them, with the layer's
 * fixed modes and mtimes, so the same inputs give the same bytes and {@code docker build} needs no Maven.
 */
public final class DockerfileWriter {
    /** Where the Dockerfile and its context go, under the output directory. */
    public static final String DIRECTORY = "docker";

    /**
     * One {@code docker build} of the written Dockerfile: what a daemon build (or the CLI) is given.
     *
     * @param target the stage to build ({@code base} or {@code app})
     * @param tags the names to give the result
     * @param cacheFrom images to take cached steps from
     */
    public record Build(String target, List<ImageReference> tags, List<ImageReference> cacheFrom) {

        /** The equivalent {@code docker build} command line, the context named {@code context}. */
        public String command(String context) {
            StringBuilder command = new StringBuilder("docker build --target ").append(target);
            cacheFrom.forEach(image -> command.append(" --cache-from ").append(image));
            tags.forEach(tag -> command.append(" -t ").append(tag));
            return command.append(' ').append(context).toString();
        }
    }

    /**
     * What was written.
     *
     * @param directory the context directory, holding {@code Dockerfile}
     * @param base the base stage's name and version
     * @param builds the base build, then the app build (the base as its cache source): the Dockerfile recipe's
     *     {@code make docker_base} and {@code make docker_image}
     */
    public record Written(Path directory, ImageReference base, List<Build> builds) {}

    private final ImageBuild build;
    private final BuildRequest request;
    private final BuildLog log;
    private final List<List<String>> baseInstructions;
    private final String dockerfileFrom;

    /**
     * @param build the build whose images the Dockerfile builds
     * @param baseInstructions checked by {@link BaseInstructions#of}
     * @param dockerfileFrom what FROM names instead of {@code from} (the same image under a name Docker can pull), or
     *     null
     */
    public DockerfileWriter(
            ImageBuild build, BuildLog log, List<List<String>> baseInstructions, String dockerfileFrom) {
        this.build = build;
        this.request = build.request();
        this.log = log;
        this.baseInstructions = baseInstructions;
        this.dockerfileFrom = dockerfileFrom == null || dockerfileFrom.isBlank() ? null : dockerfileFrom.trim();
    }

    /** Writes the Dockerfile and context of the images the build would build, replacing what an earlier run wrote. */
    public Written write() throws IOException {
        String fromReference = fromReference();
        String mainClass = build.resolveMainClass();
        if (request.from().isScratch() && dockerfileFrom == null) {
            log.warn("<from> is scratch: the Dockerfile's images hold no Java runtime and cannot run on their own.");
        }
        List<LayerPlan.PlannedLayer> baseLayers = LayerPlan.baseLayers(request.baseDependencies());
        AppPlan app = AppPlan.of(request, mainClass);

        Path directory = request.outputDirectory().resolve(DIRECTORY);
        Path staging = request.outputDirectory().resolve(DIRECTORY + ".partial");
        DockerContext.deleteTree(staging);
        Files.createDirectories(staging);
        try {
            MessageDigest baseContent = Digest.newSha256();
            Dockerfile baseStage = new Dockerfile().from(fromReference, "base");
            baseInstructions.forEach(baseStage::instruction);
            for (LayerPlan.PlannedLayer layer : baseLayers) {
                baseStage.copy(DockerContext.writeLayer(staging, layer, Parameters.FIXED_EPOCH, baseContent), "/");
            }
            baseContent.update(baseStage.text().getBytes(StandardCharsets.UTF_8));
            // The base's tag: the fixed one, else derived from all that goes into the base stage (its text, so the
            // from image's digest and the user's instructions, and every file it copies).
            String version = request.baseVersion() != null
                    ? request.baseVersion()
                    : Digest.of(baseContent).shortHex(12);
            ImageReference base = request.base().withTag(version);

            Dockerfile appStage = new Dockerfile().from("base", "app");
            for (LayerPlan.PlannedLayer layer : app.layers()) {
                appStage.copy(
                        DockerContext.writeLayer(
                                staging, layer, request.runtime().outputTimestamp(), null),
                        "/");
            }
            configure(appStage, base, app, mainClass);

            List<ImageReference> appTags =
                    request.tags().stream().map(request.image()::withTag).toList();
            List<Build> builds =
                    List.of(new Build("base", List.of(base), List.of()), new Build("app", appTags, List.of(base)));
            Dockerfile header = new Dockerfile()
                    .comment("Written by docker-layer-maven-plugin's dockerfile goal: the project's base and app")
                    .comment("images as Docker builds them. Rerun the goal rather than editing it. In this directory:");
            builds.forEach(b -> header.comment("  " + b.command(".")));
            String text = header.blankLine().text() + baseStage.text() + "\n" + appStage.text();
            Path dockerfile = staging.resolve("Dockerfile");
            Files.write(dockerfile, text.getBytes(StandardCharsets.UTF_8));
            DockerContext.fix(dockerfile, request.runtime().outputTimestamp());
            DockerContext.fixDirectories(staging, request.runtime().outputTimestamp());
            DockerContext.deleteTree(directory);
            Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
            Written written = new Written(directory, base, builds);
            log.info("Dockerfile written to " + directory.resolve("Dockerfile") + "; build it with:");
            builds.forEach(b -> log.info("  " + b.command(directory.toString())));
            return written;
        } finally {
            DockerContext.deleteTree(staging);
        }
    }

    /** FROM's image: {@code dockerfileFrom}, else {@code from} as Docker names it; a layout or archive is refused. */
    private String fromReference() {
        if (dockerfileFrom != null) {
            if (!dockerfileFrom.equals("scratch")) {
                try {
                    ImageReference.parse(dockerfileFrom);
                } catch (IllegalArgumentException e) {
                    throw new InvalidParameterException(
                            "dockerfileFrom",
                            e.getMessage() + ".",
                            "write an image reference as Docker does: registry.example.com/team/jre:21, eclipse-temurin:21-jre.");
                }
            }
            return dockerfileFrom;
        }
        String reference = request.from().dockerfileReference();
        if (reference == null) {
            throw new InvalidParameterException(
                    "from",
                    "'" + request.from().spec() + "' is an image on disk (an OCI"
                            + " layout or a docker-archive), which a Dockerfile's FROM cannot name.",
                    "use a registry reference for <from> (registry.example.com/team/jre:21) or docker-daemon:REF, or set"
                            + " <dockerfileFrom> to the name Docker knows the same"
                            + " image by.");
        }
        return reference;
    }

    /** ENV, EXPOSE, USER, WORKDIR, LABEL, ENTRYPOINT and CMD of the app stage, from the plugin's {@link AppConfig}. */
    private void configure(Dockerfile stage, ImageReference base, AppPlan app, String mainClass) {
        JsonNode inherited = inheritedConfig();
        // The base digest is the one Docker gives the base stage, unknown here: no base.digest label.
        AppConfig config = AppConfig.of(
                request, inherited, app.classpath(), mainClass, base.toString(), null, app.nonAsciiPaths());
        if (config.localeSet()) {
            log.info(
                    "Setting LANG=C.UTF-8 in the Dockerfile's app: some file names on the classpath are not ASCII, and the"
                            + " from image sets no locale (set <environment> LANG to choose another).");
        }
        // FROM passes the image's settings down: write what the app changes. Docker replaces an ENV in place and
        // merges LABEL and EXPOSE, as the plugin does in its own config.
        Map<String, String> inheritedEnv = new LinkedHashMap<>();
        inherited.path("Env").forEach(item -> {
            String[] pair = item.asText().split("=", 2);
            inheritedEnv.put(pair[0], pair.length == 2 ? pair[1] : null);
        });
        Map<String, String> env = new LinkedHashMap<>();
        if (config.env() != null) {
            config.env().forEach((name, value) -> {
                if (value != null && !value.equals(inheritedEnv.get(name))) {
                    env.put(name, value);
                }
            });
        }
        Map<String, String> labels = new LinkedHashMap<>();
        config.labels().forEach((name, value) -> {
            if (!value.equals(inherited.path("Labels").path(name).asText(null))) {
                labels.put(name, value);
            }
        });
        List<String> kept = config.droppedLabels().stream()
                .filter(name -> !config.labels().containsKey(name))
                .toList();
        if (!kept.isEmpty()) {
            log.warn(
                    "The Dockerfile's app keeps the from image's labels " + kept + ", which the plugin's own app image"
                            + " leaves out: a Dockerfile cannot remove an inherited label (set them in <labels> to override them).");
        }
        writable("environment", env);
        writable("labels", labels);
        stage.env(env).expose(config.ports());
        if (config.user() != null) {
            writable("user", Map.of("user", config.user()));
            stage.user(config.user());
        }
        if (config.workingDirectory() != null) {
            writable("workingDirectory", Map.of("workingDirectory", config.workingDirectory()));
            stage.workdir(config.workingDirectory());
        }
        stage.label(labels).entrypoint(config.entrypoint());
        if (!config.cmd().isEmpty()) {
            stage.cmd(config.cmd()); // else ENTRYPOINT has removed the inherited Cmd, as the plugin does
        }
    }

    /** The container config ({@code config.config}) that FROM passes down. */
    private JsonNode inheritedConfig() {
        JsonNode config = request.from().config().path("config");
        return config.isObject() ? config : Json.object();
    }

    private static void writable(String parameter, Map<String, String> values) {
        values.forEach((key, value) -> {
            try {
                Dockerfile.checkWritable("key", key);
                Dockerfile.checkWritable("value", value);
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException(
                        parameter,
                        "for the Dockerfile of the dockerfile goal: " + e.getMessage() + ".",
                        "use values on one line (a Dockerfile has no way to write a line break in " + parameter + ").");
            }
        });
    }
}
