package io.github.dockerlayer.maven;

import io.github.dockerlayer.assemble.ImageBuild;
import io.github.dockerlayer.dockerfile.BaseInstructions;
import io.github.dockerlayer.dockerfile.DaemonBuild;
import io.github.dockerlayer.dockerfile.DockerfileWriter;
import io.github.dockerlayer.load.LoadMode;
import java.io.IOException;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Writes the base and app images as a two-stage Dockerfile with its context into {@code target/docker-layer/docker/},
 * for building with Docker: stage {@code base} is {@code FROM <from>}, the {@code baseInstructions}, then the
 * dependency layers; stage {@code app} adds the resources, classes and launch files and the same entrypoint,
 * environment, ports, user, working directory and labels as the plugin's own app image. The context holds every file,
 * so {@code docker build --target base -t <base>:<version> target/docker-layer/docker} and
 * {@code docker build --target app --cache-from <base>:<version> -t <image>:<tag> target/docker-layer/docker} need
 * no Maven; the goal logs both commands, and the Dockerfile names them in its first lines. With {@code load} the goal
 * runs those two builds on the Docker daemon itself. The same inputs give the same bytes. The OCI layout is not
 * written.
 *
 * @since 0.1.0
 */
@Mojo(
        name = "dockerfile",
        defaultPhase = LifecyclePhase.PACKAGE,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME,
        threadSafe = true)
public class DockerfileMojo extends ImageMojo {

    /**
     * Dockerfile instructions for the base stage, one instruction per item, such as {@code RUN apt-get update &&
     * apt-get install -y curl} or {@code ENV TZ=Europe/Berlin}. They come right after {@code FROM <from>} and before
     * the dependencies are copied, so that a change of the dependencies does not run them again (Docker reruns every
     * step after the first one that changed). An item written over several lines in the pom stays one instruction.
     * An empty item, a {@code FROM} and an item that does not start with an instruction are refused. As a property:
     * comma-separated, so an instruction holding a comma goes in the pom.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.baseInstructions")
    private List<String> baseInstructions;

    /**
     * The image the Dockerfile's {@code FROM} names, when {@code from} is one a Dockerfile cannot name (an
     * {@code oci:} layout or a {@code docker-archive:}): the same image under a name Docker can pull or holds, e.g.
     * {@code registry.example.com/team/jre:21}. The app's settings are still derived from {@code from}'s config.
     * Default: {@code from} as Docker writes it, pinned to the manifest digest the plugin read.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.dockerfileFrom")
    private String dockerfileFrom;

    @Inject
    public DockerfileMojo(
            MavenProject project, MavenSession session, SettingsDecrypter decrypter, ImageDependencies dependencies) {
        super(project, session, decrypter, dependencies);
    }

    @Override
    protected boolean runsBaseInstructions() {
        return true;
    }

    @Override
    protected void run(ImageBuild build) throws IOException {
        LoadMode mode = loadMode(); // a bad value fails before anything is written
        DockerfileWriter.Written written =
                new DockerfileWriter(build, buildLog(), BaseInstructions.of(baseInstructions), dockerfileFrom).write();
        DaemonBuild.build(written, mode, daemonConnector(), buildLog());
    }
}
