package io.github.dockerlayer.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.blob.AtomicFiles;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place {@code base.json} and {@code image.json} are read and written. The JSON keeps its keys in this order,
 * indented as {@link Json#pretty} does: {@code image}, {@code tags}, {@code digest}, {@code imageId}, {@code from}
 * (base) or {@code base} (app), {@code layers}, {@code dependencies} (base), {@code load}, {@code push}; a missing
 * optional part is left out, an unknown parent digest is {@code null}.
 */
public final class BuildRecords {
    private BuildRecords() {}

    /** Reads {@code file} as a record of {@code kind}; fields it lacks are null (a layer's size 0). */
    public static BuildRecord read(Path file, ImageKind kind) throws IOException {
        ObjectNode root =
                Json.parseObject(Files.readAllBytes(file), file.getFileName().toString());
        try {
            return fromJson(root, kind);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a build record: " + e.getMessage(), e);
        }
    }

    /** Writes {@code record} to {@code file}, atomically. */
    public static void write(Path file, BuildRecord record) throws IOException {
        AtomicFiles.write(file, Json.pretty(toJson(record)));
    }

    /** The record as its JSON object. */
    public static ObjectNode toJson(BuildRecord record) {
        ObjectNode root = Json.object();
        root.put("image", record.image());
        ArrayNode tags = root.putArray("tags");
        record.tags().forEach(tags::add);
        ManifestRecord manifest = record.manifest();
        root.put("digest", text(manifest.digest()));
        root.put("imageId", text(manifest.imageId()));
        ObjectNode parent = root.putObject(parentKey(record.kind()));
        parent.put("image", record.parent().image());
        parent.put("digest", record.parent().digest());
        ArrayNode layers = root.putArray("layers");
        for (LayerRecord layer : manifest.layers()) {
            ObjectNode node = layers.addObject();
            node.put("role", layer.role());
            node.put("digest", text(layer.digest()));
            node.put("diffId", text(layer.diffId()));
            node.put("size", layer.size());
            if (layer.repository() != null) { // a registry holds it: push mounts it from there (or the layout lacks it)
                node.put("repository", layer.repository());
            }
            if (layer.push() != null) {
                node.put("push", layer.push());
            }
            if (layer.bytesSent() != null) {
                node.put("bytesSent", layer.bytesSent());
            }
        }
        if (record.dependencies() != null) {
            ArrayNode list = root.putArray("dependencies");
            record.dependencies().forEach(list::add);
        }
        if (record.load() != null) {
            root.set("load", load(record.load()));
        }
        if (record.push() != null) {
            root.set("push", push(record.push()));
        }
        return root;
    }

    /** The record a JSON object holds. */
    public static BuildRecord fromJson(JsonNode root, ImageKind kind) {
        List<LayerRecord> layers = new ArrayList<>();
        for (JsonNode layer : root.path("layers")) {
            layers.add(new LayerRecord(
                    string(layer.path("role")),
                    digest(layer.path("digest")),
                    digest(layer.path("diffId")),
                    layer.path("size").asLong(),
                    string(layer.path("repository")),
                    string(layer.path("push")),
                    layer.has("bytesSent") ? layer.path("bytesSent").asLong() : null));
        }
        List<String> tags = strings(root.path("tags"));
        JsonNode parent = root.path(parentKey(kind));
        return new BuildRecord(
                kind,
                string(root.path("image")),
                tags,
                new ManifestRecord(digest(root.path("digest")), digest(root.path("imageId")), layers),
                new ParentRecord(string(parent.path("image")), string(parent.path("digest"))),
                root.has("dependencies") ? strings(root.path("dependencies")) : null,
                root.path("load").isObject() ? load(root.path("load")) : null,
                root.path("push").isObject() ? push(root.path("push")) : null);
    }

    /** {@code from} in base.json, {@code base} in image.json. */
    static String parentKey(ImageKind kind) {
        return kind == ImageKind.BASE ? "from" : "base";
    }

    private static ObjectNode load(LoadRecord load) {
        ObjectNode node = Json.object();
        node.put("daemon", load.daemon());
        node.put("endpoint", load.endpoint());
        node.put("store", load.store());
        node.put("thin", load.thin());
        node.put("upToDate", load.upToDate());
        node.put("bytesSent", load.bytesSent());
        node.put("fullBytes", load.fullBytes());
        ArrayNode names = node.putArray("names");
        load.names().forEach(names::add);
        node.put("imageId", text(load.imageId()));
        if (load.fallback() != null) {
            node.put("fallback", load.fallback());
        }
        node.put("millis", load.millis());
        return node;
    }

    private static LoadRecord load(JsonNode node) {
        return new LoadRecord(
                string(node.path("daemon")),
                string(node.path("endpoint")),
                string(node.path("store")),
                node.path("thin").asBoolean(),
                node.path("bytesSent").asLong(),
                node.path("fullBytes").asLong(),
                strings(node.path("names")),
                digest(node.path("imageId")),
                string(node.path("fallback")),
                node.path("upToDate").asBoolean(),
                node.path("millis").asLong());
    }

    private static ObjectNode push(PushRecord push) {
        ObjectNode node = Json.object();
        if (push.via() != null) {
            node.put("via", push.via());
        }
        node.put("registry", push.registry());
        node.put("repository", push.repository());
        node.put("digest", push.digest());
        if (push.manifest() != null) {
            node.put("manifest", push.manifest());
        }
        if (push.config() != null) {
            node.put("config", push.config());
        }
        if (push.bytesSent() != null) {
            node.put("bytesSent", push.bytesSent());
        }
        return node;
    }

    private static PushRecord push(JsonNode node) {
        return new PushRecord(
                string(node.path("via")),
                string(node.path("registry")),
                string(node.path("repository")),
                string(node.path("digest")),
                string(node.path("manifest")),
                string(node.path("config")),
                node.has("bytesSent") ? node.path("bytesSent").asLong() : null);
    }

    private static String string(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(item -> list.add(item.asText()));
        return list;
    }

    private static Digest digest(JsonNode node) {
        String text = string(node);
        return text == null ? null : Digest.parse(text);
    }

    private static String text(Digest digest) {
        return digest == null ? null : digest.toString();
    }
}
