package io.github.dockerlayer.dockerfile;

import io.github.dockerlayer.failure.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;

/** The dockerfile goal's {@code baseInstructions}, checked: what the Dockerfile's base stage runs before the dependencies. */
public final class BaseInstructions {
    private BaseInstructions() {}

    /** The instructions a Dockerfile stage may hold (FROM starts another stage, so it is not among them). */
    private static final java.util.Set<String> STAGE_INSTRUCTIONS = java.util.Set.of(
            "ADD",
            "ARG",
            "CMD",
            "COPY",
            "ENTRYPOINT",
            "ENV",
            "EXPOSE",
            "HEALTHCHECK",
            "LABEL",
            "MAINTAINER",
            "ONBUILD",
            "RUN",
            "SHELL",
            "STOPSIGNAL",
            "USER",
            "VOLUME",
            "WORKDIR");

    /**
     * The {@code baseInstructions} of the dockerfile goal: each item one Dockerfile instruction, as lines (an item
     * written over several lines of the pom keeps them, with a {@code \} continuation at the end of each but the
     * last; white space around each line and continuations already written are dropped). An empty item, a FROM (it
     * would start another stage, leaving the dependencies out of the base) and an item not starting with an
     * instruction are refused.
     */
    public static List<List<String>> of(List<String> values) {
        List<List<String>> instructions = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            List<String> lines = new ArrayList<>();
            for (String line : (value == null ? "" : value).split("\\R")) {
                String trimmed = line.strip();
                if (trimmed.endsWith("\\")) {
                    trimmed = trimmed.substring(0, trimmed.length() - 1).stripTrailing();
                }
                if (!trimmed.isEmpty()) {
                    lines.add(trimmed);
                }
            }
            if (lines.isEmpty()) {
                throw new InvalidParameterException(
                        "baseInstructions",
                        "one of the instructions is empty (an empty"
                                + " <baseInstruction>, or two commas in a row on the command line).",
                        "remove it, or write one Dockerfile instruction per item, e.g. RUN apt-get install -y curl.");
            }
            String word = lines.get(0).split("\\s+", 2)[0];
            String upper = word.toUpperCase(java.util.Locale.ROOT);
            if (upper.equals("FROM")) {
                throw new InvalidParameterException(
                        "baseInstructions",
                        "'" + lines.get(0) + "' is a FROM: the base stage"
                                + " starts FROM <from>, and another FROM would start a new stage without the dependencies.",
                        "set the image to start from in <from> (or <dockerfileFrom>), and keep RUN, ENV, USER and the like"
                                + " in <baseInstructions>.");
            }
            if (!word.startsWith("#") && !STAGE_INSTRUCTIONS.contains(upper)) {
                throw new InvalidParameterException(
                        "baseInstructions",
                        "'" + lines.get(0) + "' does not start with a" + " Dockerfile instruction ("
                                + String.join(", ", new java.util.TreeSet<>(STAGE_INSTRUCTIONS)) + ").",
                        "write the whole instruction, e.g. RUN apt-get install -y curl; on the command line a comma"
                                + " splits an item, so put instructions holding commas in the pom.");
            }
            instructions.add(List.copyOf(lines));
        }
        return List.copyOf(instructions);
    }
}
