package io.github.dockerlayer.maven;

import io.github.dockerlayer.daemon.DaemonConnection;
import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.push.DaemonPush;
import io.github.dockerlayer.push.ImagePush;
import io.github.dockerlayer.record.OutputFiles;
import io.github.dockerlayer.report.BuildSummary;
import java.nio.file.Path;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Pushes the base and app images the {@code base} and {@code image} goals built ({@code target/docker-layer}) to the
 * registries their names give, without a Docker daemon: the base first (skipped when the registry holds it already),
 * then the app under each of its tags. Each blob is checked before it is sent: present blobs are skipped, blobs in
 * another repository of the same registry are mounted, the rest uploaded, layers in parallel; manifests go last, so a
 * push that fails part way leaves no tag pointing at a missing blob. After a code change only the changed layers and
 * the config are uploaded. {@code base.json} and {@code image.json} then say, per layer, what the push did.
 *
 * <p>Run it after the image goal: {@code mvn package docker-layer:base docker-layer:image docker-layer:push}, or bind it
 * (its default phase is deploy). Registry credentials come from settings.xml {@code <server>}s whose id is the registry
 * host (with its port when it has one), then Docker's {@code config.json} (credHelpers, credsStore, auths), then
 * Podman's {@code auth.json}.
 *
 * @since 0.1.0
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class PushMojo extends AbstractDockerLayerMojo {
    /**
     * Allows the push to replace a base version tag that the registry holds with other content. A fixed
     * {@code baseVersion} names one content, as a release version does, so by default such a push fails; a derived base
     * version changes with the content by itself and never needs this.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.overwriteBase", defaultValue = "false")
    private boolean overwriteBase;

    /**
     * Where the pushed images come from: {@code layout} (the default: the plugin pushes the layout's images itself,
     * with no daemon, sending only the blobs the registry lacks) or {@code daemon} ({@code docker push} semantics, for
     * teams that keep a Docker daemon in CI: the daemon found as for {@code load} pushes the base and the app under
     * each tag, the images it holds under those names, so load them first, e.g. {@code -Ddocker-layer.load=true} in
     * the same build). With {@code daemon}, the daemon's settings apply (its {@code insecure-registries}, its proxy),
     * it gets the login the plugin finds for the registry, and the digests {@code image.json} records are the ones the
     * daemon reports (it compresses the layers itself).
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.pushFrom", defaultValue = "layout")
    private String pushFrom;

    @Inject
    public PushMojo(MavenProject project, MavenSession session, SettingsDecrypter decrypter) {
        super(project, session, decrypter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        applyCommandLine();
        if (skips().skipped(skip) || skips().ranAlready(mojoExecution)) {
            return;
        }
        OutputFiles files = outputFiles();
        Path output = files.directory();
        BuildLog log = buildLog();
        Failures.run(() -> {
            if (session.isOffline()) {
                throw new java.io.IOException(
                        "Maven is offline (-o), and a push needs the registry: run it without -o.");
            }
            String from = pushFrom == null || pushFrom.isBlank() ? "layout" : pushFrom.trim();
            if (!from.equals("layout") && !from.equals("daemon")) {
                throw new InvalidParameterException(
                        "pushFrom",
                        "'" + from + "' is not one of layout, daemon.",
                        "write layout (push the layout's images without a daemon, the default) or daemon (docker push).");
            }
            if (from.equals("daemon")) {
                if (skips().imageBuilt(java.nio.file.Files.isRegularFile(files.imageJson()), files, "push", "push")) {
                    new DaemonPush(output, registries(log), DaemonConnection.ENVIRONMENT, log).push();
                }
                return;
            }
            ImagePush push = new ImagePush(output, registries(log), overwriteBase, log, once());
            if (skips().imageBuilt(push.built(), files, "push", "push")) {
                BuildSummary summary = ReactorSummary.of(session, getLog());
                push.push();
                if (summary != null) {
                    summary.pushed(project.getArtifactId(), output);
                }
            }
        });
    }
}
