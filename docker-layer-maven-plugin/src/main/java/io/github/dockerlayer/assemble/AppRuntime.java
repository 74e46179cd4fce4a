package io.github.dockerlayer.assemble;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How the app image runs, checked by {@link Parameters}: the image goal's own runtime parameters.
 *
 * @param jvmFlags flags for java before the main class
 * @param args arguments after the main class
 * @param environment environment variables, sorted
 * @param ports exposed ports as {@code 8080/tcp}
 * @param labels extra labels, sorted
 * @param user user to run as, or null
 * @param workingDirectory working directory, or null
 * @param outputTimestamp mtime of the app layers' files and the app's created time
 */
public record AppRuntime(
        List<String> jvmFlags,
        List<String> args,
        Map<String, String> environment,
        List<String> ports,
        Map<String, String> labels,
        String user,
        String workingDirectory,
        Instant outputTimestamp) {

    /** The base goal's: it builds no app. */
    public static final AppRuntime NONE =
            new AppRuntime(List.of(), List.of(), Map.of(), List.of(), Map.of(), null, null, Parameters.FIXED_EPOCH);

    /** @return this runtime with other arguments after the main class */
    public AppRuntime withArgs(List<String> otherArgs) {
        return new AppRuntime(jvmFlags, otherArgs, environment, ports, labels, user, workingDirectory, outputTimestamp);
    }
}
