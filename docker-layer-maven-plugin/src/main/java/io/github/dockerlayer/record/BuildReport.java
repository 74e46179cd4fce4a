package io.github.dockerlayer.record;

import io.github.dockerlayer.layer.DependencyFile;
import io.github.dockerlayer.log.BuildLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** What a build tells: {@code base.json} / {@code image.json}, and in the log how the base moved. */
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
        ImageKind kind = parentKey.equals(BuildRecords.parentKey(ImageKind.BASE)) ? ImageKind.BASE : ImageKind.APP;
        BuildRecords.write(
                file, BuildRecord.of(kind, built, new ParentRecord(parentImage, parentDigest), dependencies));
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
        BuildRecord previous;
        try {
            if (!Files.isRegularFile(baseJson)) {
                return;
            }
            previous = BuildRecords.read(baseJson, ImageKind.BASE);
        } catch (IOException e) {
            return; // an unreadable record of the previous build: nothing to compare with
        }
        String before = previous.image() == null ? "" : previous.image();
        String after = base.reference().toString();
        if (before.isEmpty() || before.equals(after)) {
            return;
        }
        List<String> reasons = new ArrayList<>();
        String beforeRepository = before.contains(":") && before.lastIndexOf(':') > before.lastIndexOf('/')
                ? before.substring(0, before.lastIndexOf(':'))
                : before;
        String afterRepository = base.reference().name();
        String oldFrom = previous.parent().image();
        String oldFromDigest = previous.parent().digest();
        if (oldFrom != null && !oldFrom.equals(fromImage)) {
            reasons.add("from " + oldFrom + " -> " + fromImage);
        } else if (oldFromDigest != null && fromDigest != null && !oldFromDigest.equals(fromDigest)) {
            reasons.add("from " + fromImage + " now " + fromDigest.substring(0, Math.min(19, fromDigest.length()))
                    + ", was " + oldFromDigest.substring(0, Math.min(19, oldFromDigest.length())));
        }
        if (!beforeRepository.equals(afterRepository)) {
            reasons.add("repository " + beforeRepository + " -> " + afterRepository);
        }
        if (previous.dependencies() != null) {
            Set<String> old = new TreeSet<>(previous.dependencies());
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
        previous.manifest()
                .layers()
                .forEach(l -> oldLayers.merge(
                        Objects.toString(l.role(), ""), Objects.toString(l.diffId(), ""), String::concat));
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
                    Objects.toString(previous.manifest().imageId(), "")
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
    public static void writeLoad(Path imageJson, LoadRecord load) throws IOException {
        BuildRecords.write(
                imageJson, BuildRecords.read(imageJson, ImageKind.APP).withLoad(load));
    }
}
