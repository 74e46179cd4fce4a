package io.github.dockerlayer.source;

import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.layout.LayoutReference;
import java.nio.file.Path;

/**
 * An image as a user names it, for {@code from} and {@code diffAgainst} alike: one record per medium, each reading its
 * image through that medium's package. {@link #parse} is the one place such a name is read:
 *
 * <ul>
 *   <li>{@code scratch} (or nothing): {@link Scratch}, the empty image;
 *   <li>{@code oci:PATH[:TAG]}: {@link LayoutSpec}, an image in an OCI image layout on disk;
 *   <li>{@code docker-archive:PATH}: {@link DockerArchiveSpec}, a file {@code docker save} wrote;
 *   <li>{@code docker-daemon:REF}: {@link DaemonSpec}, an image the local Docker daemon holds;
 *   <li>anything else: {@link RegistrySpec}, a registry reference as Docker writes it.
 * </ul>
 *
 * <p>A spec says where the image is; reading it (and what a missing image means) is up to the caller, which words its
 * failures for its own parameter.
 */
public sealed interface ImageSpec permits Scratch, LayoutSpec, DockerArchiveSpec, DaemonSpec, RegistrySpec {
    /** The name as the user wrote it, trimmed ({@code scratch} when none was given). */
    String text();

    /**
     * The spec {@code text} names; relative paths resolve against {@code baseDirectory} (the project directory). A
     * null or blank text is {@code scratch}.
     *
     * @throws IllegalArgumentException when the text has none of the prefixes and is no registry reference either; the
     *     message says what is wrong with it as a reference
     */
    static ImageSpec parse(String text, Path baseDirectory) {
        String spec = text == null || text.isBlank() ? Scratch.TEXT : text.trim();
        if (spec.equals(Scratch.TEXT)) {
            return new Scratch();
        }
        if (spec.startsWith(LayoutReference.PREFIX)) {
            LayoutReference reference = LayoutReference.parse(spec, baseDirectory);
            return new LayoutSpec(spec, reference.directory(), reference.tag());
        }
        if (spec.startsWith(DockerArchiveSpec.PREFIX)) {
            Path file = baseDirectory
                    .resolve(spec.substring(DockerArchiveSpec.PREFIX.length()))
                    .normalize();
            return new DockerArchiveSpec(spec, file);
        }
        if (spec.startsWith(DaemonSpec.PREFIX)) {
            return new DaemonSpec(
                    spec, spec.substring(DaemonSpec.PREFIX.length()).trim());
        }
        return new RegistrySpec(spec, ImageReference.parse(spec));
    }

    /**
     * As {@link #parse(String, Path)}, failing as a bad {@code parameter}: {@code 'TEXT' PROBLEM (why).}, with
     * {@code fix}.
     */
    static ImageSpec parse(String text, Path baseDirectory, String parameter, String problem, String fix) {
        try {
            return parse(text, baseDirectory);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    parameter, "'" + text.trim() + "' " + problem + " (" + e.getMessage() + ").", fix);
        }
    }
}
