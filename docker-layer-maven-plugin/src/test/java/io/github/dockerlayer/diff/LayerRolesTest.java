package io.github.dockerlayer.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.image.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The roles of an image's layers, read from its config's history. */
class LayerRolesTest {
    @Test
    void rolesComeFromThePluginsHistoryMatchedFromTheTop() {
        // a JRE whose history has an empty-layer entry and lacks one for its first layer (as docker-archives may)
        ObjectNode config = config(
                List.of(
                        "RUN apt-get install jre",
                        "docker-layer:base dependencies",
                        "docker-layer:base snapshot-dependencies",
                        "docker-layer:image classes",
                        "docker-layer:image launch"),
                List.of("ENV LANG=C"));
        assertEquals(
                List.of("from", "from", "dependencies", "snapshot-dependencies", "classes", "launch"),
                LayerRoles.roles(config, 6));
        // a layer another tool put on top of ours
        ObjectNode more = config(
                List.of("ADD rootfs", "docker-layer:base dependencies", "docker-layer:image classes", "COPY x /x"),
                List.of());
        assertEquals(List.of("from", "dependencies", "classes", "other"), LayerRoles.roles(more, 4));
        // an unknown role after our prefix is no plugin entry
        assertEquals(
                List.of("from", "from"),
                LayerRoles.roles(config(List.of("a", "docker-layer:base tests"), List.of()), 2));
        assertEquals(List.of("from", "from"), LayerRoles.roles(Json.object(), 2), "no history at all");
    }

    /** A config whose history holds a layer entry per {@code createdBy}, after empty-layer entries. */
    private static ObjectNode config(List<String> createdBy, List<String> emptyLayers) {
        ObjectNode config = Json.object();
        ArrayNode history = config.putArray("history");
        emptyLayers.forEach(text -> history.addObject().put("created_by", text).put("empty_layer", true));
        createdBy.forEach(text -> history.addObject().put("created_by", text));
        return config;
    }
}
