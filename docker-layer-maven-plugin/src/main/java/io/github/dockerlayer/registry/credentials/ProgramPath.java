package io.github.dockerlayer.registry.credentials;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds a program on the {@code PATH} of a given environment (not this JVM's), as a shell would: the first directory
 * holding an executable regular file of that name; on Windows also with {@code .exe}, {@code .cmd} or {@code .bat},
 * and {@code PATH} matched in any case.
 */
final class ProgramPath {
    private ProgramPath() {}

    /** The program's absolute path, or null when no {@code PATH} directory holds it. */
    static Path find(String program, Map<String, String> env) {
        boolean windows = File.separatorChar == '\\';
        List<String> names = new ArrayList<>();
        names.add(program);
        if (windows) {
            names.add(program + ".exe");
            names.add(program + ".cmd");
            names.add(program + ".bat");
        }
        String path = env.getOrDefault("PATH", "");
        if (windows && path.isEmpty()) { // Windows spells it Path, and its environment ignores case
            path = env.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase("PATH"))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse("");
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String candidate : names) {
                try {
                    Path file = Path.of(dir, candidate);
                    if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                        return file.toAbsolutePath();
                    }
                } catch (InvalidPathException skip) {
                    // a PATH entry that is no path
                }
            }
        }
        return null;
    }
}
