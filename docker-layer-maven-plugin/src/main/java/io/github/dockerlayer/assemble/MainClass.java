package io.github.dockerlayer.assemble;

import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.failure.Invocation;
import io.github.dockerlayer.layer.QuarkusLayout;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.project.MainClassFinder;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/** Which class the app image runs: the one {@code mainClass} names, else the only compiled class with a main method. */
final class MainClass {
    private MainClass() {}

    /**
     * The main class (null for a Quarkus fast-jar, which runs its runner jar): the one set, else the only class with a
     * main method; fails naming mainClass otherwise.
     */
    static String resolve(BuildRequest request, BuildLog log) throws IOException {
        if (request.quarkusApp() != null) {
            log.info("Quarkus fast-jar " + request.quarkusApp().directory() + ": the image runs java -jar "
                    + QuarkusLayout.RUNNER + " (no main class)");
            return null;
        }
        boolean compiled = Files.isDirectory(request.classesDirectory());
        if (request.mainClass() != null) {
            if (!compiled) {
                log.warn(request.classesDirectory()
                        + " does not exist, so the image holds no classes or resources of this"
                        + " project; run the goal after the package phase (" + Invocation.goals(List.of("image"))
                        + ") unless "
                        + request.mainClass() + " comes from a dependency.");
            }
            return request.mainClass();
        }
        if (!compiled) {
            throw new InvalidParameterException(
                    "mainClass",
                    "it is not set, and " + request.classesDirectory()
                            + " does not exist to infer it from: the project is not compiled yet.",
                    "run the goal after the package phase, e.g. " + Invocation.goals(List.of("image"))
                            + ", or set <mainClass> when" + " the class to run comes from a dependency.");
        }
        List<String> candidates = MainClassFinder.find(request.classesDirectory());
        if (candidates.size() == 1) {
            log.info("Main class: " + candidates.get(0) + " (the only class with a main method)");
            return candidates.get(0);
        }
        throw new InvalidParameterException(
                "mainClass",
                candidates.isEmpty()
                        ? "no class in " + request.classesDirectory()
                                + " has a public static void main(String[]) method."
                        : "several classes have a main method: " + String.join(", ", candidates) + ".",
                "set <mainClass> to the class to run, e.g. "
                        + (candidates.isEmpty() ? "com.example.Main" : candidates.get(0)) + ".");
    }
}
