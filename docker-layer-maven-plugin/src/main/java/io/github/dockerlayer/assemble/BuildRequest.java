package io.github.dockerlayer.assemble;

import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.layer.DependencyFile;
import io.github.dockerlayer.layer.ExtraDirectories;
import io.github.dockerlayer.record.OutputFiles;
import io.github.dockerlayer.source.FromImage;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a build needs, already checked by {@link Parameters}.
 *
 * @param projectDirectory the project's base directory; relative source paths resolve against it
 * @param outputDirectory where the layout, JSON files and cache go ({@code target/docker-layer})
 * @param classesDirectory the project's compiled classes and resources ({@code target/classes})
 * @param from the runtime image under everything
 * @param base the base image's repository (no tag)
 * @param baseVersion a fixed base version, or null to derive it
 * @param image the app image's repository (no tag)
 * @param tags the app image's tags
 * @param mainClass the main class, or null to infer it
 * @param runtime how the app image runs: JVM flags, args, environment, ports, labels, user, working directory and
 *     the app layers' timestamp
 * @param dependencies resolved runtime dependencies in classpath order
 * @param version the project version, for the version label
 * @param revision the VCS revision, or null
 * @param source the source URL, or null
 * @param platform the platform taken from a multi-platform from image
 * @param sharedBase the dependencies of a base shared with other services of the reactor (the union of their
 *     release and snapshot dependencies), or null when the base is this project's own; on a shared base the
 *     project's reactor modules go into its app image
 * @param content the app's own content beside its classes: the packaged jar, the extra directories, a Quarkus
 *     fast-jar ({@link AppContent#NONE} when there is none of them)
 */
public record BuildRequest(
        Path projectDirectory,
        Path outputDirectory,
        Path classesDirectory,
        FromImage from,
        ImageReference base,
        String baseVersion,
        ImageReference image,
        List<String> tags,
        String mainClass,
        AppRuntime runtime,
        List<DependencyFile> dependencies,
        String version,
        String revision,
        String source,
        Platform platform,
        List<DependencyFile> sharedBase,
        AppContent content) {

    /**
     * The app's own content beside its classes.
     *
     * @param packagedJar the project's own jar in packaged mode ({@code containerizingMode}), checked to exist and not
     *     to bundle dependencies; null in exploded mode
     * @param extraDirectories the checked {@code extraDirectories}
     * @param quarkusApp a Quarkus project's checked fast-jar: then the dependencies are its {@code lib/} files, and the
     *     app image holds its runner, {@code app/} and {@code quarkus/} and runs {@code java -jar}; null for any other
     *     project
     */
    public record AppContent(Path packagedJar, ExtraDirectories extraDirectories, QuarkusApp quarkusApp) {
        /** Exploded mode, no extra directories, not a Quarkus project. */
        public static final AppContent NONE = new AppContent(null, ExtraDirectories.NONE, null);

        /** A null {@code extraDirectories} is none. */
        public AppContent {
            extraDirectories = extraDirectories == null ? ExtraDirectories.NONE : extraDirectories;
        }
    }

    /** A null {@code content} is {@link AppContent#NONE}. */
    public BuildRequest {
        content = content == null ? AppContent.NONE : content;
    }

    /** This request with the app's own content: the jar in packaged mode (null: exploded), and the extra directories. */
    public BuildRequest withAppContent(Path jar, ExtraDirectories extra) {
        return with(new AppContent(jar, extra, content.quarkusApp()));
    }

    /** This request for a Quarkus project's fast-jar (null: not a Quarkus project). */
    public BuildRequest withQuarkusApp(QuarkusApp app) {
        return with(new AppContent(content.packagedJar(), content.extraDirectories(), app));
    }

    private BuildRequest with(AppContent appContent) {
        return new BuildRequest(
                projectDirectory,
                outputDirectory,
                classesDirectory,
                from,
                base,
                baseVersion,
                image,
                tags,
                mainClass,
                runtime,
                dependencies,
                version,
                revision,
                source,
                platform,
                sharedBase,
                appContent);
    }

    /** The project's own jar in packaged mode, null in exploded mode. */
    public Path packagedJar() {
        return content.packagedJar();
    }

    /** The checked {@code extraDirectories}. */
    public ExtraDirectories extraDirectories() {
        return content.extraDirectories();
    }

    /** A Quarkus project's checked fast-jar, or null for any other project. */
    public QuarkusApp quarkusApp() {
        return content.quarkusApp();
    }

    /** The dependencies the base is made of. */
    public List<DependencyFile> baseDependencies() {
        return sharedBase != null ? sharedBase : dependencies;
    }

    /** Every dependency in the images: the base's and the project's own (on a shared base, their union). */
    public List<DependencyFile> allDependencies() {
        if (sharedBase == null) {
            return dependencies;
        }
        java.util.LinkedHashSet<DependencyFile> all = new java.util.LinkedHashSet<>(sharedBase);
        all.addAll(dependencies);
        return List.copyOf(all);
    }

    /** The files under the output directory: the records, the OCI layout, the layer cache. */
    public OutputFiles files() {
        return new OutputFiles(outputDirectory);
    }
}
