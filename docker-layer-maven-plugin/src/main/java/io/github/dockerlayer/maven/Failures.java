package io.github.dockerlayer.maven;

import io.github.dockerlayer.failure.CheckFailedException;
import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.failure.UnsupportedProjectException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/** The one place where build failures become Maven's: bad input is a failure, a broken environment an error. */
final class Failures {
    private Failures() {}

    /** A piece of build work. */
    @FunctionalInterface
    interface Work {
        void run() throws IOException;
    }

    static void run(Work work) throws MojoExecutionException, MojoFailureException {
        try {
            work.run();
        } catch (InvalidParameterException e) {
            throw new MojoFailureException(MavenWording.phrase(e.getMessage()), e);
        } catch (UnsupportedProjectException e) {
            throw new MojoFailureException("docker-layer: " + MavenWording.phrase(e.getMessage()), e);
        } catch (CheckFailedException e) {
            // A check the user turned on (failOnBaseChange) found what it guards against: a failure, like a failed
            // test.
            throw new MojoFailureException("docker-layer: " + MavenWording.phrase(e.getMessage()), e);
        } catch (NoSuchFileException e) {
            throw new MojoExecutionException(
                    "docker-layer: file not found: " + e.getFile()
                            + (e.getReason() == null ? "" : " (" + e.getReason() + ")"),
                    e);
        } catch (IOException e) {
            throw new MojoExecutionException("docker-layer: " + MavenWording.phrase(e.getMessage()), e);
        } catch (java.io.UncheckedIOException e) {
            throw new MojoExecutionException("docker-layer: " + MavenWording.phrase(e.getMessage()), e.getCause());
        } catch (RuntimeException e) {
            throw new MojoExecutionException(
                    "docker-layer: unexpected failure: " + MavenWording.phrase(e.toString()), e);
        }
    }
}
