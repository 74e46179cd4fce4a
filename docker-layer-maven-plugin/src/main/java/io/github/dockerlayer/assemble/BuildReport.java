package io.github.dockerlayer.assemble;

import io.github.dockerlayer.log.Sizes;
import io.github.dockerlayer.log.BuildLog;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.layout.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/** What a build tells: {@code base.json} / {@code image.json}, and the layer table in the log. */
final class BuildReport {
    private BuildReport() {}

    /**
     * Writes the JSON record of a built image.
     *
     * @param parentKey {@code from} in base.json, {@code base} in image.json
     * @param parentImage the parent's name
     * @param parentDigest the parent's manifest digest, or null when unknown
     */
    static void write(Path file, BuiltImage built, String parentKey, String parentImage, String parentDigest)
            throws IOException {
        ObjectNode root = Json.object();
        root.put("image", built.reference().toString());
        ArrayNode tags = root.putArray("tags");
        built.tags().forEach(tags::add);
        root.put("digest", built.manifest().digest().toString());
        root.put("imageId", built.image().configDescriptor().digest().toString());
        ObjectNode parent = root.putObject(parentKey);
        parent.put("image", parentImage);
        parent.put("digest", parentDigest);
        ArrayNode layers = root.putArray("layers");
        for (BuiltLayer layer : built.layers()) {
            ObjectNode node = layers.addObject();
            node.put("role", layer.role().label());
            node.put("digest", layer.layer().digest().toString());
            node.put("diffId", layer.layer().diffId().toString());
            node.put("size", layer.layer().size());
            String repository = layer.layer().blob().repository();
            if (repository != null) {
                node.put("repository", repository); // a registry holds it: push mounts it from there (or the layout lacks it)
            }
        }
        AtomicFiles.write(file, Json.pretty(root));
    }

    /**
     * Adds what a load into a Docker daemon did to {@code image.json}, as its {@code load} object: where, which store,
     * thin or full, the bytes sent, the names and the image ID the daemon gives the app.
     */
    static void writeLoad(Path imageJson, ImageLoad.Result result) throws IOException {
        ObjectNode root = Json.parseObject(java.nio.file.Files.readAllBytes(imageJson), imageJson.toString());
        ObjectNode load = root.putObject("load");
        load.put("daemon", result.daemon());
        load.put("endpoint", result.endpoint());
        load.put("store", result.store().label());
        load.put("thin", result.thin());
        load.put("upToDate", result.upToDate());
        load.put("bytesSent", result.bytesSent());
        load.put("fullBytes", result.fullBytes());
        ArrayNode names = load.putArray("names");
        result.names().forEach(names::add);
        load.put("imageId", result.imageId().toString());
        if (result.fallback() != null) {
            load.put("fallback", result.fallback());
        }
        load.put("millis", result.millis());
        AtomicFiles.write(imageJson, Json.pretty(root));
    }

    /**
     * Logs a table of the image's layers: role, size, digest, and what this build did to get it. Synchronized so that
     * the tables of modules built in parallel ({@code mvn -T}) do not interleave line by line.
     */
    static synchronized void log(BuildLog log, String title, BuiltImage built) {
        log.info(title + " " + built.reference() + " " + built.manifest().digest());
        if (built.tags().size() > 1) {
            log.info("  also tagged: " + String.join(", ", built.tags().subList(1, built.tags().size())));
        }
        log.info(String.format("  %-22s %10s  %-19s  %s", "LAYER", "SIZE", "DIGEST", "STATUS"));
        for (BuiltLayer layer : built.layers()) {
            log.info(String.format("  %-22s %10s  %-19s  %s", layer.role().label(), Sizes.human(layer.layer().size()),
                    layer.layer().digest().toShortString(), layer.status().label()));
        }
    }
}
