package io.github.dockerlayer.maven;

import io.github.dockerlayer.assemble.AppRuntime;
import io.github.dockerlayer.assemble.ContainerizingMode;
import io.github.dockerlayer.assemble.ExtraDirectorySettings;
import io.github.dockerlayer.assemble.ImageBuild;
import io.github.dockerlayer.assemble.Parameters;
import io.github.dockerlayer.load.ImageLoad;
import io.github.dockerlayer.load.LoadMode;
import io.github.dockerlayer.report.BuildSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Builds the thin app image on the base: the project's launch metadata, extra directories, resources and classes (or
 * its jar, {@code containerizingMode} packaged) in small layers,
 * in {@code target/docker-layer/oci} (repository {@code image}, each of the {@code tags}), described in
 * {@code target/docker-layer/image.json}. Builds or reuses the base first, so this goal alone is enough.
 *
 * @since 0.1.0
 */
@Mojo(
        name = "image",
        defaultPhase = LifecyclePhase.PACKAGE,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME,
        threadSafe = true)
public class ImageMojo extends AbstractLayerMojo {
    @Inject
    public ImageMojo(
            MavenProject project, MavenSession session, SettingsDecrypter decrypter, ImageDependencies dependencies) {
        super(project, session, decrypter, dependencies);
    }

    /**
     * Flags for {@code java}, before the main class: {@code -Xmx512m}, {@code -Dkey=value}, one flag per item (an
     * item holding several, such as {@code -Xmx512m -XX:+UseZGC}, is refused). As a property: comma-separated.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.jvmFlags")
    private List<String> jvmFlags;

    /**
     * Arguments after the main class; they become the image's {@code Cmd}, so {@code docker run IMAGE other args}
     * replaces them. As a property: comma-separated. Unset: exec-maven-plugin's {@code <arguments>} (or
     * {@code <commandlineArgs>}) when exec runs the same main class; for a known launcher that starts nothing without
     * a verticle (Vert.x 4's {@code io.vertx.core.Launcher}: {@code run VERTICLE}; Vert.x 5's
     * {@code io.vertx.launcher.application.VertxApplication}: {@code VERTICLE}), the verticle of the pom's
     * {@code Main-Verticle} manifest entry (maven-shade-plugin's or maven-jar-plugin's) or {@code main.verticle} /
     * {@code vertx.verticle} property, else the build fails. The log says where the arguments came from.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.args")
    private List<String> args;

    /**
     * Environment variables of the container, added to (and overriding) the from image's. As a property
     * {@code docker-layer.environment}: {@code KEY=VALUE,KEY2=VALUE2} (a backslash before a comma keeps it in the
     * value), added to the pom's, replacing equal keys.
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> environment;

    /**
     * Ports the container exposes: {@code 8080}, {@code 8080/tcp}, {@code 53/udp}. As a property: comma-separated.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.ports")
    private List<String> ports;

    /**
     * Labels of the app image, added to the {@code org.opencontainers.image.*} labels the plugin sets (and overriding
     * them). As a property {@code docker-layer.labels}: {@code KEY=VALUE,KEY2=VALUE2}, added to the pom's, replacing
     * equal keys.
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> labels;

    /**
     * The user the container runs as: {@code name}, {@code uid}, {@code uid:gid}. Default: the from image's.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.user")
    private String user;

    /**
     * The container's working directory, an absolute path. Default: the from image's.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.workingDirectory")
    private String workingDirectory;

    /**
     * The modification time of the app layers' files and the app image's created time: ISO-8601 with an offset
     * ({@code 2024-01-01T00:00:00Z}) or seconds since the epoch. Unset, it is 1970-01-01T00:00:01Z, so builds are
     * reproducible either way. The base image always uses that fixed time, so a release that moves this timestamp
     * does not move the base.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.outputTimestamp", defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /**
     * Loads the base and the app into the local Docker daemon after building them, ready for {@code docker run}: the
     * base as {@code <base>:<baseVersion>}, the app as {@code <image>:<tag>} for each tag. {@code false} (the default)
     * needs no daemon; {@code true} fails the build when no daemon answers; {@code auto} loads when one answers and
     * says so in one line when none does. The daemon is found as the {@code docker} CLI finds it ({@code DOCKER_HOST},
     * {@code DOCKER_CONTEXT} or the current context, {@code DOCKER_TLS_VERIFY} / {@code DOCKER_CERT_PATH}). Only what the
     * daemon lacks is sent when that can be proven (after a code change: the classes layer and those above it), on the
     * classic and the containerd image store; else the full images. {@code image.json} records what was sent under
     * {@code load}. For the {@code dockerfile} goal, the daemon builds the Dockerfile instead: the {@code base} stage,
     * then the {@code app} stage with the base as cache source.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.load", defaultValue = "false")
    private String load;

    /**
     * What of the project's own code the app image holds (Jib's names): {@code exploded} (the default) puts the output
     * directory in as two layers, resources then classes, on the classpath as directories; {@code packaged} puts the
     * project's own jar, as maven-jar-plugin built it, in as one layer at {@code /app/app.jar}, first on the classpath
     * in their place, so its manifest holds ({@code Implementation-Version}, {@code Add-Opens}, {@code Multi-Release}).
     * Packaged needs the goal to run after {@code package}, and refuses a fat jar (Spring Boot's repackaged jar, a
     * shaded jar): the dependencies are in the base already. Either way a code change moves the top layer only.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.containerizingMode", defaultValue = "exploded")
    private String containerizingMode;

    /**
     * Directories copied into the app image as they are (config files, scripts, keystores), in Jib's shape:
     * {@code <paths><path><from>src/main/docker-extra</from><into>/opt/app</into></path></paths>} ({@code from}
     * relative to the project, {@code into} an absolute directory in the image, default {@code /}) and
     * {@code <permissions><permission><file>/opt/app/run.sh</file><mode>755</mode></permission></permissions>} (files are
     * 0644 and directories 0755 otherwise). All paths make one layer, {@code extra-directories}, above the launch
     * layer and below resources and classes (or the jar), so a code change does not move it. Unset, Jib's default
     * applies: {@code src/main/jib} into {@code /} when that directory exists. A configured directory that does not
     * exist fails the build.
     *
     * @since 0.1.0
     */
    @Parameter
    private ExtraDirectoriesParameter extraDirectories;

    /** The {@code load} parameter, the command line first; a bad value fails naming it. */
    protected final LoadMode loadMode() {
        return LoadMode.parse(load);
    }

    @Override
    protected List<String> userArgs() {
        return Parameters.list(args);
    }

    @Override
    protected AppSettings appSettings() throws IOException {
        return new AppSettings(
                new AppRuntime(
                        Parameters.jvmFlags(jvmFlags),
                        Parameters.list(args),
                        Parameters.keyValues("environment", environment, mapProperty("environment")),
                        Parameters.ports(ports),
                        Parameters.keyValues("labels", labels, mapProperty("labels")),
                        Parameters.user(user),
                        Parameters.workingDirectory(workingDirectory),
                        Parameters.outputTimestamp(outputTimestamp)),
                packagedJar(),
                ExtraDirectorySettings.of(
                        project.getBasedir().toPath(),
                        extraDirectories == null ? null : extraDirectories.pathSettings(),
                        extraDirectories == null ? null : extraDirectories.permissionSettings()));
    }

    /** The project's jar when {@code containerizingMode} is packaged (checked), else null. */
    private Path packagedJar() throws IOException {
        if (ContainerizingMode.parse(containerizingMode) != ContainerizingMode.PACKAGED) {
            return null;
        }
        return PackagedJar.of(project, session, getLog());
    }

    @Override
    protected void run(ImageBuild build) throws IOException {
        LoadMode mode = loadMode(); // a bad value fails before anything is written
        BuildSummary summary = ReactorSummary.of(session, getLog());
        ImageBuild.Built built = build.buildBaseAndApp();
        Path output = outputFiles().directory();
        if (summary != null) {
            summary.built(project.getArtifactId(), output, built.app());
        }
        new ImageLoad(mode, daemonConnector(), output, buildLog(), once()).load(built); // a shared base goes in once
    }
}
