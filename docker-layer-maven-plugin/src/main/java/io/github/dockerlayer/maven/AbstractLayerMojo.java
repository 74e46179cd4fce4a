package io.github.dockerlayer.maven;

import io.github.dockerlayer.assemble.BuildRequest;
import io.github.dockerlayer.assemble.ImageBuild;
import io.github.dockerlayer.assemble.Parameters;
import io.github.dockerlayer.assemble.QuarkusApp;
import io.github.dockerlayer.daemon.DaemonConnection;
import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.layer.DependencyFile;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.project.GitRevision;
import io.github.dockerlayer.push.ImagePush;
import io.github.dockerlayer.registry.RegistryImageSource;
import io.github.dockerlayer.source.FromImage;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** The parameters the goals share, and their translation into a {@link BuildRequest}. */
abstract class AbstractLayerMojo extends AbstractDockerLayerMojo {

    /**
     * The runtime image under everything, usually a JRE: {@code scratch} (nothing), a registry reference as Docker
     * writes it ({@code eclipse-temurin:21-jre} from Docker Hub, {@code registry.example.com:5000/team/jre:21},
     * {@code repo@sha256:...}: its manifest and config are read at build time, its layers only when a push to another
     * registry or a load needs them), {@code oci:PATH[:TAG]} (an OCI image layout directory, the image tagged TAG in it,
     * or its only image), {@code docker-archive:PATH} (a {@code docker save} tarball), or {@code docker-daemon:REF} (an
     * image of the local Docker daemon, found as {@code load} finds it: saved from it once and cached by image ID in
     * {@code cacheDirectory}). Relative paths start at the project directory.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.from", defaultValue = "scratch")
    protected String from;

    /**
     * Repository of the dependency base image, without tag. Default: the app's repository ({@code image}) with
     * {@code -base} appended.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.base")
    protected String base;

    /**
     * Tag of the base image. Default: derived from the base's content (the first 12 hex characters of its config
     * digest, the image ID), so equal from images and dependency sets give equal tags on any machine, whatever name
     * the from image was read by (base.json records that). A fixed string, such as {@code 1}, works too: then you
     * decide when the base changes its name.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.baseVersion")
    protected String baseVersion;

    /**
     * Repository of the app image, without tag, optionally with a registry host: {@code team/app},
     * {@code registry.example.com:5000/team/app}. Must be lower case.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.image", defaultValue = "${project.artifactId}")
    protected String image;

    /**
     * Tags of the app image; the first is the one {@code image.json} names. As a property: comma-separated.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.tags", defaultValue = "${project.version}")
    protected List<String> tags;

    /**
     * The class the container runs. Default: the main class the pom already names for the jar (maven-jar-plugin's
     * {@code archive/manifest/mainClass}, else spring-boot-maven-plugin's {@code mainClass}, maven-shade-plugin's
     * ManifestResourceTransformer {@code mainClass}, exec-maven-plugin's {@code mainClass} or the {@code start-class}
     * property) when that class is on the module's runtime classpath, else the one class of the
     * project with a {@code public static void main(String[])} method; when there are none or several, the build says
     * so. Not used for a Quarkus project (quarkus-maven-plugin's {@code build} goal): its image runs
     * {@code java -jar /deployments/quarkus-run.jar} from the fast-jar in {@code target/quarkus-app}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.mainClass")
    protected String mainClass;

    /**
     * The platform the images are for, as {@code os/architecture[/variant]}: {@code linux/amd64}, {@code linux/arm64}.
     * From a multi-platform {@code from} image (an OCI index or Docker manifest list) the plugin takes that platform's
     * image; a from image for another platform fails the build, naming what it offers. Unset: linux/amd64 from a
     * multi-platform from image, or a single-platform from image as it is.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.platform")
    protected String platform;

    /**
     * Leaves {@code org.springframework.boot:spring-boot-devtools} out of the image, as Spring Boot's own packaging does:
     * in a container it would start a restart classloader and a LiveReload server, and make error pages show stack
     * traces. Set to false to keep it. Whatever spring-boot-maven-plugin's {@code <excludes>} and
     * {@code <excludeGroupIds>} name is left out too; the log lists what was left out.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.excludeDevtools", defaultValue = "true")
    protected boolean excludeDevtools;

    /**
     * Leaves {@code org.springframework.boot:spring-boot-docker-compose} out of the image, as Spring Boot's own
     * packaging does (it starts the compose services of a developer's machine). Set to false to keep it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.excludeDockerCompose", defaultValue = "true")
    protected boolean excludeDockerCompose;

    private final ImageDependencies dependencies;
    /** The container's arguments and where they came from, settled with the main class; null when it is not named yet. */
    private LaunchArgs launchArgs;
    /** A Quarkus project's checked fast-jar, or null. */
    private QuarkusApp quarkus;

    protected AbstractLayerMojo(
            MavenProject project, MavenSession session, SettingsDecrypter decrypter, ImageDependencies dependencies) {
        super(project, session, decrypter);
        this.dependencies = dependencies;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        applyCommandLine();
        if (skips().skipped(skip) || skips().ranAlready(mojoExecution)) {
            return;
        }
        skips().warnIfNotJar();
        EarlyDaemon.startIfLoading(session, project);
        skips().warnIfBaseInstructionsUnused(runsBaseInstructions());
        Failures.run(() -> {
            // A Quarkus project runs its fast-jar: no main class to settle; an unsupported packaging, or a fast-jar not
            // built yet, fails here, before any layer is built.
            quarkus = QuarkusProject.of(project, session);
            MainClassSettling settling = new MainClassSettling(session, project, skips(), getLog());
            MainClassSettling.Settled settled =
                    quarkus != null ? settling.quarkus(mainClass) : settling.settle(mainClass, this::userArgs);
            if (settled == null) {
                return;
            }
            mainClass = settled.mainClass();
            launchArgs = settled.launchArgs();
            BuildLog log = buildLog();
            RegistryImageSource source = new RegistryImageSource(registries(log));
            // The base's layers are looked for in the registry only when this run pushes: it needs the registry
            // then anyway, and a plain package stays off the network (a from image on disk needs none).
            run(new ImageBuild(request(source), log, pushes() ? source : null, once()));
            ReactorSummary.produced(session, project.getArtifactId(), getLog());
        });
    }

    /** The daemon connection this module's first goal started ({@link EarlyDaemon#connector}). */
    protected final DaemonConnection.Connector daemonConnector() {
        return EarlyDaemon.connector(session, project);
    }

    /** This module's place in its reactor. */
    private ReactorModule reactor() {
        return new ReactorModule(session, project, getLog());
    }

    /** Whether this Maven run pushes: the push goal is named, or the deploy phase runs (where push binds). */
    private boolean pushes() {
        return session.getGoals().stream().anyMatch(goal -> goal.endsWith(":push") || goal.equals("deploy"));
    }

    /** Whether this goal carries out {@code baseInstructions} (the dockerfile goal does; the daemonless ones cannot). */
    protected boolean runsBaseInstructions() {
        return false;
    }

    /**
     * The user's {@code args}: the base goal has no such parameter, but settles the launch arguments too (so that a
     * launcher that would start nothing fails before a layer is built), from the command line or the pom.
     */
    protected List<String> userArgs() {
        return CommandLine.listOfAnotherGoal(session, project, "args");
    }

    /** The app image's settings, checked: the image goal's own parameters. The base goal has none. */
    protected AppSettings appSettings() throws java.io.IOException {
        return AppSettings.NONE;
    }

    /** What the goal does with a checked request. */
    protected abstract void run(ImageBuild build) throws java.io.IOException;

    private BuildRequest request(RegistryImageSource registry) throws java.io.IOException {
        Path basedir = project.getBasedir().toPath();
        String imageName = image.equals(project.getArtifactId()) ? image.toLowerCase(java.util.Locale.ROOT) : image;
        ImageReference imageRepository = Parameters.repositoryOnly("image", imageName, "tags");
        ImageReference baseRepository = Parameters.repositoryOnly(
                "base", base == null || base.isBlank() ? imageRepository.name() + "-base" : base.trim(), "baseVersion");
        if (pushes()) { // fail now, not after building, when the push of this run could not work
            ImagePush.registryReference("image", imageRepository.name());
            ImagePush.registryReference("base", baseRepository.name());
        }
        Platform targetPlatform;
        try {
            targetPlatform = Platform.parse(platform == null || platform.isBlank() ? "linux/amd64" : platform);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    "platform", e.getMessage() + ".", "write e.g. linux/amd64 or linux/arm64.");
        }
        FromImage fromImage = FromImage.parse(from, basedir, targetPlatform, registry);
        if (platform != null && !platform.isBlank()) {
            fromImage.checkPlatform(targetPlatform);
        }
        AppSettings app = appSettings();
        List<String> args = app.runtime().args();
        if (launchArgs != null && app != AppSettings.NONE) {
            args = launchArgs.args();
            if (launchArgs.origin() != null && !launchArgs.origin().equals("<args>")) {
                getLog().info("Args: " + String.join(" ", args) + " (from " + launchArgs.origin() + ")");
            }
        }
        return new BuildRequest(
                        basedir,
                        outputFiles().directory(),
                        Path.of(project.getBuild().getOutputDirectory()),
                        fromImage,
                        baseRepository,
                        Parameters.baseVersion(baseVersion),
                        imageRepository,
                        Parameters.tags(tags),
                        Parameters.mainClass(mainClass),
                        app.runtime().withArgs(args),
                        quarkus != null
                                ? QuarkusProject.dependencies(
                                        quarkus, project, reactor().reactorProjects())
                                : dependencies.ofModule(
                                        session,
                                        project,
                                        reactor().reactorProjects(),
                                        excludeDevtools,
                                        excludeDockerCompose,
                                        getLog()),
                        project.getVersion(),
                        GitRevision.of(basedir).orElse(null),
                        SourceUrl.of(session, project),
                        targetPlatform,
                        quarkus != null
                                ? QuarkusProject.ownBase(sharedBase(baseRepository), baseRepository)
                                : sharedBase(baseRepository),
                        BuildRequest.AppContent.NONE)
                .withAppContent(
                        quarkus != null ? QuarkusProject.noPackagedJar(app.packagedJar(), getLog()) : app.packagedJar(),
                        app.extraDirectories())
                .withQuarkusApp(quarkus);
    }

    /**
     * The dependencies of the base this module shares with the other services of the build that name the same
     * {@code base}, or null when it names none or no other service does.
     */
    private List<DependencyFile> sharedBase(ImageReference baseRepository) throws java.io.IOException {
        String cli = commandLine("base", null);
        if (cli == null && (base == null || base.isBlank())) {
            return null; // the default, <image>-base, is the module's own
        }
        return dependencies.ofSharedBase(
                session,
                project,
                baseRepository.name(),
                SharedBase.baseOf(cli),
                excludeDevtools,
                excludeDockerCompose,
                buildLog());
    }

    /**
     * The property form of a map parameter, {@code docker-layer.NAME}: as {@link #commandLine} reads it, else from the
     * pom's {@code <properties>} (Maven cannot turn a property into a map by itself); null if none.
     */
    protected final String mapProperty(String name) {
        return CommandLine.mapValue(session, project, name);
    }
}
