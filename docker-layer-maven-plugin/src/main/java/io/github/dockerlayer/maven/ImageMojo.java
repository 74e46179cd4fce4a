package io.github.dockerlayer.maven;

import io.github.dockerlayer.build.ImageBuild;
import java.io.IOException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Builds the thin app image on the base: the project's resources, classes and launch metadata in three small layers,
 * tagged {@code <image>:<tags>} in {@code target/docker-layer/oci}, and described in
 * {@code target/docker-layer/image.json}. Builds or reuses the base first, so this goal alone is enough.
 *
 * @since 0.1.0
 */
@Mojo(name = "image", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME_PLUS_SYSTEM,
        threadSafe = true)
public class ImageMojo extends AbstractLayerMojo {
    @Override
    protected void run(ImageBuild build) throws IOException {
        build.buildApp();
    }
}
