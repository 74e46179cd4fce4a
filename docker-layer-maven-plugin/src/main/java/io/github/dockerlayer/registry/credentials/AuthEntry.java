package io.github.dockerlayer.registry.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** One entry of a config file's {@code auths}, decoded into a {@link Credential}; a malformed one fails naming it. */
final class AuthEntry {
    private AuthEntry() {}

    /**
     * The login in the {@code auths} entry {@code key}: its identity token, its {@code auth} (base64 of
     * user:password), or its username and password; null for an empty entry (a helper holds the secret, or nothing
     * does).
     *
     * @param source where the credential is said to come from
     */
    static Credential decode(ConfigFile file, String key, ObjectNode entry, String source) throws IOException {
        String token = text(file, entry, key, "identitytoken");
        if (token != null && !token.isEmpty()) {
            return new Credential(Credential.IDENTITY_TOKEN_USER, token, source);
        }
        String auth = text(file, entry, key, "auth");
        if (auth != null && !auth.isBlank()) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(auth.strip());
            } catch (IllegalArgumentException e) {
                throw file.malformed("auths entry '" + key + "': 'auth' is not base64");
            }
            String decoded = new String(bytes, StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw file.malformed("auths entry '" + key + "': 'auth' is not the base64 of user:password (no ':')");
            }
            return new Credential(decoded.substring(0, colon), decoded.substring(colon + 1), source);
        }
        String username = text(file, entry, key, "username");
        String password = text(file, entry, key, "password");
        if (username != null && !username.isEmpty() && password != null) {
            return new Credential(username, password, source);
        }
        return null; // {} — a helper holds the secret, or nothing does
    }

    private static String text(ConfigFile file, ObjectNode entry, String key, String field) throws IOException {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw file.malformed("auths entry '" + key + "': '" + field + "' is not a string");
        }
        return value.textValue();
    }
}
