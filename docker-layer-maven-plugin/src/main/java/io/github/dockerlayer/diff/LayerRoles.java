package io.github.dockerlayer.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerlayer.layer.LayerRole;
import java.util.ArrayList;
import java.util.List;

/** The roles of an image's layers, read from its config's history (pure). */
public final class LayerRoles {
    private LayerRoles() {}

    /** The role of a reference layer above the plugin's first one that no plugin history entry names. */
    public static final String OTHER_ROLE = "other";

    /**
     * The roles of an image's layers, from its config's history: an entry the plugin wrote ({@code docker-layer:base
     * dependencies}, {@code docker-layer:image classes}) gives its role; layers below the first such layer are
     * {@code from}; any other layer above it is {@value #OTHER_ROLE}. History entries marked {@code empty_layer} make
     * no layer; the rest are matched to the layers from the top, so a from image whose history lacks entries for its
     * own layers still gives the plugin's layers their roles. An image without plugin history is all {@code from}.
     */
    public static List<String> roles(JsonNode config, int layerCount) {
        List<String> createdBy = new ArrayList<>();
        for (JsonNode entry : config.path("history")) {
            if (!entry.path("empty_layer").asBoolean(false)) {
                createdBy.add(entry.path("created_by").asText(""));
            }
        }
        String[] roles = new String[layerCount];
        for (int k = 1; k <= Math.min(layerCount, createdBy.size()); k++) {
            roles[layerCount - k] = pluginRole(createdBy.get(createdBy.size() - k));
        }
        int first = 0;
        while (first < layerCount && roles[first] == null) {
            first++;
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < layerCount; i++) {
            result.add(roles[i] != null ? roles[i] : i < first ? LayerRole.FROM.label() : OTHER_ROLE);
        }
        return result;
    }

    /** The role a history entry of the plugin names, or null for any other entry. */
    private static String pluginRole(String createdBy) {
        for (String prefix : List.of("docker-layer:base ", "docker-layer:image ")) {
            if (createdBy.startsWith(prefix)) {
                try {
                    return LayerRole.of(createdBy.substring(prefix.length()).trim())
                            .label();
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
