package io.github.dockerlayer.registry.credentials;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A credentials config file read as JSON: a missing or blank file is none; one that cannot be parsed fails with an
 * {@link IOException} naming the file and what is wrong, never quoting its text (a token of it can be a secret).
 */
final class ConfigFile {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build());

    private final Path file;

    ConfigFile(Path file) {
        this.file = file;
    }

    /** The object {@code field} of {@code root}, or null when absent or null; fails when it is not an object. */
    ObjectNode object(ObjectNode root, String field) throws IOException {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!(value instanceof ObjectNode object)) {
            throw malformed("'" + field + "' is not a JSON object");
        }
        return object;
    }

    /** The parsed file, or null when there is none (or it is blank). */
    ObjectNode read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new IOException("Cannot read " + file + ": " + e, e);
        }
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return null; // as an empty file means to Docker
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote a token of the file, which can be a secret: say only where.
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String what = e instanceof JsonEOFException ? "it ends too early" : "a syntax error";
            throw new IOException(file + " is not valid JSON: " + what + where);
        }
        if (!(node instanceof ObjectNode object)) {
            throw malformed("it is not a JSON object");
        }
        return object;
    }

    /** A failure saying the file is malformed and {@code what} is wrong. */
    IOException malformed(String what) {
        return new IOException(file + " is malformed: " + what);
    }
}
