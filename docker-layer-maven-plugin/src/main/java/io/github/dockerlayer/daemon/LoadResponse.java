package io.github.dockerlayer.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerlayer.image.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The daemon's answer to {@code POST /images/load}: a stream of JSON messages with HTTP 200, even when the load
 * failed, which it then says in an {@code error} / {@code errorDetail} message. Collects what it says it loaded and
 * the first error.
 */
final class LoadResponse {
    private static final String LOADED = "Loaded image: ";
    private static final String LOADED_ID = "Loaded image ID: ";

    private final List<String> loaded = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private String error;

    /** One message: its {@code stream} text, {@code errorDetail.message} and {@code error}, each may be null. */
    void accept(String stream, String errorDetail, String errorText) {
        if (error == null && (errorDetail != null || errorText != null)) {
            error = errorDetail != null && !errorDetail.isBlank() ? errorDetail : errorText;
        }
        if (stream != null) {
            text.append(stream);
            for (String line : stream.split("\n")) {
                if (line.startsWith(LOADED)) {
                    loaded.add(line.substring(LOADED.length()).trim());
                } else if (line.startsWith(LOADED_ID)) {
                    loaded.add(line.substring(LOADED_ID.length()).trim());
                }
            }
        }
    }

    /**
     * What was loaded.
     *
     * @throws DaemonException when the daemon reported an error, or said nothing was loaded
     */
    List<String> result(DaemonEndpoint endpoint) throws DaemonException {
        if (error != null) {
            throw new DaemonException(
                    DaemonException.Kind.REFUSED,
                    "the Docker daemon at " + endpoint.describe() + " refused the load: " + error.trim(),
                    null);
        }
        if (loaded.isEmpty()) {
            throw new DaemonException(
                    DaemonException.Kind.REFUSED,
                    "the Docker daemon at " + endpoint.describe() + " loaded nothing"
                            + (text.isEmpty()
                                    ? ""
                                    : " (it said: " + text.toString().trim() + ")"),
                    null);
        }
        return List.copyOf(loaded);
    }

    /** The {@code message} of an error body ({@code {"message":"..."}}), else the text as it is. */
    static String errorMessage(String body) {
        if (body == null) {
            return "(no message)";
        }
        int brace = body.indexOf('{');
        if (brace >= 0) {
            try {
                JsonNode node = Json.MAPPER.readTree(body.substring(brace));
                if (node.hasNonNull("message")) {
                    return node.get("message").asText();
                }
            } catch (java.io.IOException | RuntimeException e) {
                // not JSON: the text as it is
            }
        }
        return body.trim();
    }
}
