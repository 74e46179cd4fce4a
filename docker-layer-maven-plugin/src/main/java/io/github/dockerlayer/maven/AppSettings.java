package io.github.dockerlayer.maven;

import io.github.dockerlayer.assemble.Parameters;
import io.github.dockerlayer.layer.ExtraDirectories;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What only the app image needs, checked: the image goal's own parameters, kept off the base goal so that its
 * documentation lists only what it uses.
 *
 * @param jvmFlags flags for java before the main class
 * @param args arguments after the main class
 * @param environment environment variables, sorted
 * @param ports exposed ports as {@code 8080/tcp}
 * @param labels extra labels, sorted
 * @param user user to run as, or null
 * @param workingDirectory working directory, or null
 * @param outputTimestamp mtime of the app layers' files and the app's created time
 * @param packagedJar the project's jar in packaged mode ({@code containerizingMode}), or null in exploded mode
 * @param extraDirectories the checked {@code extraDirectories}
 */
record AppSettings(
        List<String> jvmFlags,
        List<String> args,
        Map<String, String> environment,
        List<String> ports,
        Map<String, String> labels,
        String user,
        String workingDirectory,
        Instant outputTimestamp,
        Path packagedJar,
        ExtraDirectories extraDirectories) {

    /** The base goal's: it builds no app. */
    static final AppSettings NONE = new AppSettings(
            List.of(),
            List.of(),
            Map.of(),
            List.of(),
            Map.of(),
            null,
            null,
            Parameters.FIXED_EPOCH,
            null,
            ExtraDirectories.NONE);
}
