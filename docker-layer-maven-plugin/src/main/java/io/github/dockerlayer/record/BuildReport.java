package io.github.dockerlayer.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.blob.AtomicFiles;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.layer.DependencyFile;
import io.github.dockerlayer.load.ImageLoad;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.log.Sizes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What a build tells: {@code base.json} / {@code image.json}, and the layer table in the log. */
public final class BuildReport {
    private BuildReport() {}

    /**
     * Writes the JSON record of a built image.
     *
     * @param parentKey {@code from} in base.json, {@code base} in image.json
     * @param parentImage the parent's name
     * @param parentDigest the parent's manifest digest, or null when unknown
     */
    public static void write(Path file, BuiltImage built, String parentKey, String parentImage, String parentDigest)
            throws IOException {
        write(file, built, parentKey, parentImage, parentDigest, null);
    }

    /**
     * Writes the JSON record of a built image, with the dependencies a base holds ({@code groupId:artifactId:version},
     * with {@code :classifier} when there is one), which is how the next build says what moved the base.
     */
    public static void write(
            Path file,
            BuiltImage built,
            String parentKey,
            String parentImage,
            String parentDigest,
            List<String> dependencies)
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
                node.put(
                        "repository",
                        repository); // a registry holds it: push mounts it from there (or the layout lacks it)
            }
        }
        if (dependencies != null) {
            ArrayNode list = root.putArray("dependencies");
            dependencies.forEach(list::add);
        }
        AtomicFiles.write(file, Json.pretty(root));
    }

    /** How base.json names a dependency: {@code groupId:artifactId:version[:classifier]}. */
    public static List<String> coordinates(List<DependencyFile> dependencies) {
        // A Quarkus library no artifact of the project matched is named by its path in the image.
        return dependencies.stream()
                .map(d -> d.groupId().isEmpty() && d.imagePath() != null
                        ? d.imagePath()
                        : d.groupId() + ":" + d.artifactId() + ":" + d.version()
                                + (d.classifier() == null || d.classifier().isEmpty() ? "" : ":" + d.classifier()))
                .sorted()
                .toList();
    }

    /**
     * Says in the log when this build moves the base away from the one the previous build of this project recorded in
     * {@code baseJson} (before it is overwritten): the old and new names, the dependencies added and removed, and the
     * layers that changed. Says nothing on a first build or when the base stayed.
     *
     * @param shared whether the base is shared with other services of the reactor
     */
    public static void logBaseMove(
            BuildLog log,
            Path baseJson,
            BuiltImage base,
            List<String> dependencies,
            boolean shared,
            String fromImage,
            String fromDigest) {
        JsonNode previous;
        try {
            if (!Files.isRegularFile(baseJson)) {
                return;
            }
            previous = Json.MAPPER.readTree(baseJson.toFile());
        } catch (IOException e) {
            return; // an unreadable record of the previous build: nothing to compare with
        }
        String before = previous.path("image").asText();
        String after = base.reference().toString();
        if (before.isEmpty() || before.equals(after)) {
            return;
        }
        List<String> reasons = new ArrayList<>();
        String beforeRepository = before.contains(":") && before.lastIndexOf(':') > before.lastIndexOf('/')
                ? before.substring(0, before.lastIndexOf(':'))
                : before;
        String afterRepository = base.reference().name();
        String oldFrom = previous.path("from").path("image").asText(null);
        String oldFromDigest = previous.path("from").path("digest").asText(null);
        if (oldFrom != null && !oldFrom.equals(fromImage)) {
            reasons.add("from " + oldFrom + " -> " + fromImage);
        } else if (oldFromDigest != null && fromDigest != null && !oldFromDigest.equals(fromDigest)) {
            reasons.add("from " + fromImage + " now " + fromDigest.substring(0, Math.min(19, fromDigest.length()))
                    + ", was " + oldFromDigest.substring(0, Math.min(19, oldFromDigest.length())));
        }
        if (!beforeRepository.equals(afterRepository)) {
            reasons.add("repository " + beforeRepository + " -> " + afterRepository);
        }
        if (previous.has("dependencies")) {
            Set<String> old = new TreeSet<>();
            previous.path("dependencies").forEach(d -> old.add(d.asText()));
            List<String> added =
                    dependencies.stream().filter(d -> !old.contains(d)).toList();
            List<String> removed =
                    old.stream().filter(d -> !dependencies.contains(d)).toList();
            if (!added.isEmpty()) {
                reasons.add("added " + String.join(", ", added));
            }
            if (!removed.isEmpty()) {
                reasons.add("removed " + String.join(", ", removed));
            }
        }
        Map<String, String> oldLayers = new LinkedHashMap<>();
        previous.path("layers")
                .forEach(l -> oldLayers.merge(
                        l.path("role").asText(), l.path("diffId").asText(), String::concat));
        Map<String, String> newLayers = new LinkedHashMap<>();
        base.layers()
                .forEach(l ->
                        newLayers.merge(l.role().label(), l.layer().diffId().toString(), String::concat));
        List<String> changed = new ArrayList<>();
        newLayers.forEach((role, diffIds) -> {
            if (!diffIds.equals(oldLayers.get(role))) {
                changed.add(role);
            }
        });
        oldLayers.keySet().stream()
                .filter(role -> !newLayers.containsKey(role))
                .forEach(role -> changed.add(role + " (gone)"));
        if (!changed.isEmpty()) {
            reasons.add("layers changed: " + String.join(", ", changed));
        }
        if (reasons.isEmpty()) { // same repository, same layers: the version itself (a fixed one), or the config
            String oldVersion = before.substring(beforeRepository.length() + 1);
            reasons.add(
                    previous.path("imageId")
                                    .asText()
                                    .equals(base.image()
                                            .configDescriptor()
                                            .digest()
                                            .toString())
                            ? "<baseVersion> " + oldVersion + " -> "
                                    + base.reference().tag()
                            : "the image settings it takes from the from image changed");
        }
        log.info((shared ? "The shared base moved: " : "The base moved: ") + before + " -> " + after
                + (reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")")
                + (shared
                        ? ". Every service on it stands on the new base; a node pulls its changed layers once."
                        : "."));
    }

    /**
     * Adds what a load into a Docker daemon did to {@code image.json}, as its {@code load} object: where, which store,
     * thin or full, the bytes sent, the names and the image ID the daemon gives the app.
     */
    public static void writeLoad(Path imageJson, ImageLoad.Result result) throws IOException {
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
    public static synchronized void log(BuildLog log, String title, BuiltImage built) {
        log.info(title + " " + built.reference() + " " + built.manifest().digest());
        if (built.tags().size() > 1) {
            log.info("  also tagged: "
                    + String.join(", ", built.tags().subList(1, built.tags().size())));
        }
        log.info(String.format("  %-22s %10s  %-19s  %s", "LAYER", "SIZE", "DIGEST", "STATUS"));
        for (BuiltLayer layer : built.layers()) {
            log.info(String.format(
                    "  %-22s %10s  %-19s  %s",
                    layer.role().label(),
                    Sizes.human(layer.layer().size()),
                    layer.layer().digest().toShortString(),
                    layer.status().label()));
        }
    }
}
