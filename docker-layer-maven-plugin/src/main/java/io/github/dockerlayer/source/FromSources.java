package io.github.dockerlayer.source;

import io.github.dockerlayer.archive.DockerArchive;
import io.github.dockerlayer.daemon.DaemonException;
import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.image.Annotations;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.registry.Registries;
import io.github.dockerlayer.registry.RegistryException;
import io.github.dockerlayer.registry.RegistryImageSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads what a {@code from} spec names, one medium at a time, failing in {@code <from>}'s words. */
final class FromSources {
    /** What a valid {@code from} is, the end of most of its failures. */
    static final String FIX = "use scratch, a registry reference (eclipse-temurin:21-jre,"
            + " registry.example.com:5000/team/jre:21, repo@sha256:...), oci:PATH[:TAG] (an OCI image layout, e.g. made by"
            + " 'skopeo copy docker://REF oci:DIR:TAG'), docker-archive:PATH (made by 'docker save') or docker-daemon:REF (an"
            + " image of the local Docker daemon).";

    private FromSources() {}

    /** Reads {@code spec} for {@code platform}; {@code registry} null: this goal reads no registry or daemon. */
    static FromSource read(ImageSpec spec, Platform platform, RegistryImageSource registry) throws IOException {
        if (spec instanceof Scratch scratch) {
            return new FromSource.Read(scratch.image(platform), null, null);
        }
        if (spec instanceof LayoutSpec layout) {
            return layout(layout, platform);
        }
        if (spec instanceof DockerArchiveSpec archive) {
            return archive(archive);
        }
        if (spec instanceof DaemonSpec daemon) {
            return daemon(daemon, registry);
        }
        return registry((RegistrySpec) spec, platform, registry);
    }

    private static FromSource layout(LayoutSpec spec, Platform platform) {
        LayoutSpec.Index index =
                spec.index("from", "check the path (relative paths start at the project directory), or " + FIX);
        Optional<Descriptor> chosen = index.choose(spec.tag());
        if (chosen.isEmpty()) {
            String problem = spec.tag() == null
                    ? "the layout " + spec.directory() + " holds "
                            + index.entries().size() + " images, so a tag must choose one (it has: " + index.names()
                            + ")."
                    : "the layout " + spec.directory() + " has no image tagged '" + spec.tag() + "' (it has: "
                            + index.names() + ").";
            throw new InvalidParameterException(
                    "from", "'" + spec.text() + "': " + problem, "write oci:PATH:TAG with one of those tags.");
        }
        Descriptor entry = chosen.get();
        LayoutSpec.Read read;
        try {
            read = LayoutSpec.read(index.layout(), entry, platform); // read now: a broken source fails before a write
        } catch (Platform.NotOffered e) {
            throw notOffered(spec, e);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidParameterException(
                    "from",
                    "'" + spec.text() + "' cannot be read: " + e.getMessage() + ".",
                    "recreate the source, e.g. with 'skopeo copy', or " + FIX);
        }
        String name = entry.annotations().get(Annotations.CONTAINERD_IMAGE_NAME);
        String refName = entry.annotations().get(Annotations.REF_NAME);
        if (name == null && refName != null && (refName.contains(":") || refName.contains("/"))) {
            name = refName; // a full reference; a bare tag such as "17" names no image
        }
        return new FromSource.Read(read.image(), name, entry.digest());
    }

    private static FromSource archive(DockerArchiveSpec spec) {
        if (!Files.isRegularFile(spec.file())) {
            throw new InvalidParameterException(
                    "from",
                    "'" + spec.text() + "': there is no file " + spec.file() + ".",
                    "check the path (relative paths start at the project directory), or " + FIX);
        }
        try {
            return new FromSource.Archive(spec.file(), spec.contents());
        } catch (IOException e) {
            throw new InvalidParameterException(
                    "from", "'" + spec.text() + "' cannot be read: " + e.getMessage() + ".", FIX);
        }
    }

    /** Saved from the daemon once per image ID into the shared cache; a missing image fails naming it. */
    private static FromSource daemon(DaemonSpec spec, RegistryImageSource registry) throws IOException {
        String reference = spec.reference();
        if (reference.isEmpty()) {
            throw new InvalidParameterException(
                    "from", "'" + spec.text() + "' names no image.", "write docker-daemon:REPOSITORY:TAG.");
        }
        if (registry == null) {
            throw new InvalidParameterException(
                    "from", "'" + spec.text() + "' names a daemon image, and this goal reads none.", FIX);
        }
        DaemonSpec.Saved saved;
        try {
            saved = spec.save(registry.cacheDirectory());
        } catch (DaemonException e) {
            throw new IOException("cannot read <from> '" + spec.text() + "': " + e.getMessage(), e);
        }
        if (saved.file().isEmpty()) {
            throw new InvalidParameterException(
                    "from",
                    "'" + spec.text() + "': the Docker daemon at " + saved.endpoint() + " has no image " + reference
                            + ".",
                    "build or pull it there first (docker build -t " + reference + " ., docker pull " + reference
                            + "), check the name with 'docker image ls', or " + FIX);
        }
        Path file = saved.file().get();
        try {
            return new FromSource.Archive(file, new DockerArchive(file).contents());
        } catch (IOException e) {
            throw new IOException(
                    "cannot read <from> '" + spec.text() + "' as the daemon saved it (" + file + "): " + e.getMessage(),
                    e);
        }
    }

    private static FromSource registry(RegistrySpec spec, Platform platform, RegistryImageSource registry)
            throws IOException {
        if (registry == null) {
            throw new InvalidParameterException(
                    "from", "'" + spec.text() + "' names a registry image, and this goal reads none.", FIX);
        }
        RegistryImageSource.Pulled pulled;
        try {
            pulled = spec.read(registry, platform);
        } catch (Platform.NotOffered e) {
            throw notOffered(spec, e);
        } catch (RegistryException e) {
            if (e.kind() == RegistryException.Kind.NOT_FOUND) {
                throw new InvalidParameterException(
                        "from",
                        "'" + spec.text() + "': " + e.getMessage() + ".",
                        "check the repository and tag (docker.io images without a host are read from Docker Hub), or "
                                + FIX);
            }
            throw new IOException("cannot read <from> '" + spec.text() + "': " + e.getMessage(), e);
        } catch (Registries.OfflineException e) {
            throw new InvalidParameterException(
                    "from",
                    "'" + spec.text() + "' was never pulled on this machine, and " + e.getMessage(),
                    "run once online, or " + FIX);
        }
        return new FromSource.Read(
                pulled.image(), spec.reference().toString(), pulled.manifest().digest());
    }

    private static InvalidParameterException notOffered(ImageSpec spec, Platform.NotOffered e) {
        return new InvalidParameterException(
                "platform",
                "<from> '" + spec.text() + "': " + e.getMessage() + ".",
                "set <platform> to one of those, or choose a from image built for the" + " platform you need.");
    }
}
