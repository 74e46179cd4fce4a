package io.github.dockerlayer.dockerfile;

import io.github.dockerlayer.image.Json;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The text of a Dockerfile, one instruction at a time, each value quoted so that Docker reads back exactly the string
 * given: exec and COPY forms as JSON arrays; ENV, LABEL, USER and WORKDIR values in double quotes with {@code \},
 * {@code "} and {@code $} escaped (Docker expands variables in them otherwise). Docker reads a Dockerfile line by
 * line, so a value holding a line break cannot be written outside a JSON array: {@link #checkWritable} says so.
 */
public final class Dockerfile {
    /** A key Docker reads as written, without quotes. */
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_.\\-/:]+");

    private static final String CONTINUATION = " \\\n    ";

    private final StringBuilder text = new StringBuilder();

    /** A comment line ({@code # ...}); {@code line} holds no line break. */
    public Dockerfile comment(String line) {
        checkWritable("comment", line);
        text.append(line.isEmpty() ? "#" : "# " + line).append('\n');
        return this;
    }

    public Dockerfile blankLine() {
        text.append('\n');
        return this;
    }

    /** {@code FROM image AS stage}. */
    public Dockerfile from(String image, String stage) {
        return line("FROM " + image + " AS " + stage);
    }

    /** An instruction as the user wrote it (checked by the caller); several lines joined with continuations. */
    public Dockerfile instruction(List<String> lines) {
        return line(String.join(CONTINUATION, lines));
    }

    /** {@code COPY ["source", "target"]}. */
    public Dockerfile copy(String source, String target) {
        return line("COPY " + json(List.of(source, target)));
    }

    /** {@code ENV "k"="v" ...}, one pair a line; nothing when empty. */
    public Dockerfile env(Map<String, String> variables) {
        return pairs("ENV", variables);
    }

    /** {@code LABEL "k"="v" ...}, one pair a line; nothing when empty. */
    public Dockerfile label(Map<String, String> labels) {
        return pairs("LABEL", labels);
    }

    /** {@code EXPOSE 8080/tcp ...}; nothing when empty. Ports are checked ({@code 8080/tcp}) and need no quotes. */
    public Dockerfile expose(List<String> ports) {
        return ports.isEmpty() ? this : line("EXPOSE " + String.join(" ", ports));
    }

    public Dockerfile user(String user) {
        return line("USER " + quoted(user));
    }

    public Dockerfile workdir(String directory) {
        return line("WORKDIR " + quoted(directory));
    }

    /** {@code ENTRYPOINT [...]}, the exec form. */
    public Dockerfile entrypoint(List<String> command) {
        return line("ENTRYPOINT " + json(command));
    }

    /** {@code CMD [...]}, the exec form. */
    public Dockerfile cmd(List<String> arguments) {
        return line("CMD " + json(arguments));
    }

    /** The Dockerfile so far. */
    public String text() {
        return text.toString();
    }

    private Dockerfile pairs(String instruction, Map<String, String> pairs) {
        if (pairs.isEmpty()) {
            return this;
        }
        StringBuilder line = new StringBuilder(instruction);
        String separator = " ";
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            line.append(separator).append(key(pair.getKey())).append('=').append(quoted(pair.getValue()));
            separator = CONTINUATION;
        }
        return line(line.toString());
    }

    private Dockerfile line(String line) {
        text.append(line).append('\n');
        return this;
    }

    /**
     * A value in double quotes as Docker's word processing reads it back unchanged: {@code \}, {@code "} and
     * {@code $} escaped with a backslash.
     */
    public static String quoted(String value) {
        checkWritable("value", value);
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '"' || c == '$') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    /** A key bare when Docker reads it as written ({@code org.example.key}, {@code JAVA_HOME}), else quoted. */
    public static String key(String key) {
        return BARE_KEY.matcher(key).matches() ? key : quoted(key);
    }

    /** A JSON array of strings, the form Docker reads for exec-form and COPY instructions. */
    public static String json(List<String> values) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            json.append(i == 0 ? "" : ", ").append(jsonString(values.get(i)));
        }
        return json.append(']').toString();
    }

    private static String jsonString(String value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a string is always JSON", e);
        }
    }

    /**
     * Fails when {@code value} holds a line break or another control character, which a Dockerfile line cannot carry
     * outside a JSON array.
     *
     * @throws IllegalArgumentException naming {@code what}
     */
    public static void checkWritable(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new IllegalArgumentException(
                        "the " + what + " '" + value.replace("\n", "\\n").replace("\r", "\\r")
                                + "' holds a line break or control character, which a Dockerfile cannot write there");
            }
        }
    }
}
