package io.github.dockerlayer.maven;

import io.github.dockerlayer.assemble.ImageBuild;
import io.github.dockerlayer.record.BuiltImage;
import io.github.dockerlayer.report.BuildSummary;
import java.io.IOException;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Builds the dependency base image: the {@code from} image plus the project's runtime dependencies in three layers
 * (release, snapshot, reactor), into {@code target/docker-layer/oci}, tagged with the base version (repository
 * {@code base}, tag {@code baseVersion}), and describes it in {@code target/docker-layer/base.json}. Layers built
 * before are reused without reading the jars.
 *
 * @since 0.1.0
 */
@Mojo(
        name = "base",
        defaultPhase = LifecyclePhase.PACKAGE,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME,
        threadSafe = true)
public class BaseMojo extends AbstractLayerMojo {
    @Inject
    public BaseMojo(
            MavenProject project, MavenSession session, SettingsDecrypter decrypter, ImageDependencies dependencies) {
        super(project, session, decrypter, dependencies);
    }

    @Override
    protected void run(ImageBuild build) throws IOException {
        BuiltImage base = build.buildBase();
        BuildSummary summary = ReactorSummary.of(session, getLog());
        if (summary != null) { // what this goal did to each layer, which the image goal after it finds done
            summary.baseBuilt(project.getArtifactId(), base);
        }
    }
}
