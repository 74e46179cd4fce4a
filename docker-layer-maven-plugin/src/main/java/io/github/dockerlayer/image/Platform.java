package io.github.dockerlayer.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The platform an image runs on, as in an image index entry and the config's {@code architecture}/{@code os}.
 *
 * @param architecture GOARCH spelling, e.g. {@code amd64}, {@code arm64}
 * @param os GOOS spelling, e.g. {@code linux}
 * @param variant CPU variant, e.g. {@code v8}, or null
 */
public record Platform(String architecture, String os, String variant) {

    /** What a scratch image claims, and what the plugin builds for unless told otherwise. */
    public static final Platform LINUX_AMD64 = new Platform("amd64", "linux", null);

    /** What a valid platform looks like, for error messages. */
    public static final String RULE = "a platform is os/architecture[/variant], e.g. linux/amd64 or linux/arm64/v8";

    /** Parses {@code os/architecture[/variant]}. */
    public static Platform parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("/", -1);
        if (parts.length < 2 || parts.length > 3 || List.of(parts).stream().anyMatch(p -> !p.matches("[a-z0-9_]+"))) {
            throw new IllegalArgumentException("'" + text + "' is not a platform: " + RULE);
        }
        return new Platform(parts[1], parts[0], parts.length == 3 ? parts[2] : null);
    }

    /** Whether an index entry's {@code platform} object names this platform (a variant is compared when we ask for one). */
    public boolean matches(JsonNode platform) {
        return os.equals(platform.path("os").asText())
                && architecture.equals(platform.path("architecture").asText())
                && (variant == null || variant.equals(platform.path("variant").asText()));
    }

    /**
     * The entry of an index's {@code manifests} for this platform, else its only entry; {@code what} names the index in
     * the error that lists what it offers.
     */
    public JsonNode select(JsonNode manifests, String what) {
        for (JsonNode node : manifests) {
            if (matches(node.path("platform"))) {
                return node;
            }
        }
        if (manifests.size() == 1) {
            return manifests.get(0);
        }
        List<String> offered = new ArrayList<>();
        for (JsonNode node : manifests) {
            JsonNode p = node.path("platform");
            offered.add(p.path("os").asText("?") + "/" + p.path("architecture").asText("?")
                    + (p.hasNonNull("variant") ? "/" + p.path("variant").asText() : ""));
        }
        throw new NotOffered(what + " offers " + String.join(", ", offered) + " but no " + this + " image");
    }

    /** A multi-platform image that has no image for the platform asked for; the message lists what it offers. */
    public static final class NotOffered extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NotOffered(String message) {
            super(message);
        }
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
