package io.github.dockerlayer.maven;

import io.github.dockerlayer.diff.ImageDiff;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.record.OutputFiles;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Compares the app image the {@code image} goal built ({@code target/docker-layer}) with a reference, by default the
 * app's first tag as its registry has it, and says per layer whether it is {@code same}, {@code changed}, {@code new}
 * or {@code gone}, how many bytes a node holding the reference pulls to update (and how many an engine with the
 * classic store pulls, as it also re-fetches the layers above a changed one), and whether the base moved. Writes
 * {@code target/docker-layer/diff.json}. Only manifests and configs are read, no layer is downloaded. A reference that
 * does not exist (a first build) is reported, with every layer {@code new}, and is no failure.
 *
 * <p>Run it after the image goal: {@code mvn package docker-layer:base docker-layer:image docker-layer:diff}; with
 * {@code -Ddocker-layer.failOnBaseChange=true} in CI jobs meant to change code only.
 *
 * @since 0.1.0
 */
@Mojo(name = "diff", threadSafe = true)
public class DiffMojo extends AbstractDockerLayerMojo {
    /**
     * What to compare with: a registry reference ({@code registry.example.com/team/app:1.0.0},
     * {@code registry.example.com/team/app@sha256:...}), or {@code oci:PATH[:TAG]}, an OCI image layout on disk (e.g. a
     * saved {@code target/docker-layer/oci} of an earlier build; without a tag, its app image). Default: the app's first
     * tag as its registry has it ({@code image} of image.json), i.e. what the last push of that tag deployed.
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.diffAgainst")
    private String diffAgainst;

    /**
     * Fails the build when the base moved relative to the reference (its version or digest differ, or a base layer is
     * not the same), for CI jobs meant to change code only. diff.json is written first. A reference that does not exist
     * has no base to compare with, so it does not fail the build (the log warns).
     *
     * @since 0.1.0
     */
    @Parameter(property = "docker-layer.failOnBaseChange", defaultValue = "false")
    private boolean failOnBaseChange;

    @Inject
    public DiffMojo(MavenProject project, MavenSession session, SettingsDecrypter decrypter) {
        super(project, session, decrypter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        applyCommandLine();
        if (skips().skipped(skip)) {
            return;
        }
        OutputFiles files = outputFiles();
        BuildLog log = buildLog();
        Failures.run(() -> {
            ImageDiff diff =
                    new ImageDiff(files.directory(), project.getBasedir().toPath(), registries(log), log);
            if (skips().imageBuilt(diff.built(), files, "compare", "diff")) {
                diff.diff(diffAgainst, failOnBaseChange);
            }
        });
    }
}
