package io.github.dockerlayer.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which file goes into which layer, and where in the image. The layout in the image:
 * <pre>
 * /app/libs/&lt;artifactId&gt;-&lt;version&gt;.jar   dependencies, snapshot-dependencies, project-dependencies (base)
 * /app/resources/...                   resources: the project's output directory but its .class files
 * /app/classes/...                     classes: the project's .class files
 * /app/docker-layer/classpath          launch: the classpath, one line
 * /app/docker-layer/main-class         launch: the main class, one line
 * /app/app.jar                         jar: the project's own jar, in place of resources and classes (packaged mode)
 * </pre>
 * The extra directories' files go where the user puts them ({@link ExtraDirectories}).
 */
public final class LayerPlan {
    public static final String LIBS = "/app/libs";
    public static final String RESOURCES = "/app/resources";
    public static final String CLASSES = "/app/classes";
    public static final String LAUNCH = "/app/docker-layer";
    /** Where the project's own jar goes in packaged mode: one fixed name, so a new version does not move the launch layer. */
    public static final String JAR = "/app/app.jar";

    /**
     * A layer to build.
     *
     * @param role what it holds
     * @param entries its files; never empty
     */
    public record PlannedLayer(LayerRole role, List<LayerEntry> entries) {}

    private LayerPlan() {}

    /** The base's layers over the from image: release, snapshot and reactor dependencies, the empty ones left out. */
    public static List<PlannedLayer> baseLayers(List<DependencyFile> dependencies) throws IOException {
        Map<DependencyFile, String> paths = libraryPaths(dependencies);
        List<PlannedLayer> layers = new ArrayList<>();
        for (DependencyFile.Kind kind : DependencyFile.Kind.values()) {
            List<LayerEntry> entries = new ArrayList<>();
            for (DependencyFile dependency : dependencies) {
                if (dependency.kind() == kind) {
                    addTree(entries, paths.get(dependency), dependency.file());
                }
            }
            if (!entries.isEmpty()) {
                layers.add(new PlannedLayer(kind.role(), entries));
            }
        }
        return layers;
    }

    /** The classpath in the image: resources, classes, then every dependency in the project's order. */
    public static List<String> classpath(List<DependencyFile> dependencies) {
        return classpath(dependencies, dependencies);
    }

    /**
     * The classpath of a project whose jars sit in an image holding {@code all} (a base shared by several services):
     * resources, classes, then the project's own dependencies in its order, named as they are among {@code all}.
     */
    public static List<String> classpath(List<DependencyFile> own, List<DependencyFile> all) {
        return classpath(own, all, false);
    }

    /**
     * The classpath as {@link #classpath(List, List)} gives it, or in packaged mode with the project's jar
     * ({@link #JAR}) first in place of resources and classes.
     */
    public static List<String> classpath(List<DependencyFile> own, List<DependencyFile> all, boolean packaged) {
        Map<DependencyFile, String> paths = libraryPaths(all);
        List<String> classpath = new ArrayList<>(packaged ? List.of(JAR) : List.of(RESOURCES, CLASSES));
        for (DependencyFile dependency : own) {
            classpath.add(paths.get(dependency));
        }
        return classpath;
    }

    /**
     * The app-image layer of a service on a shared base: the reactor modules it depends on (they change with the
     * repository's commits, and need not be built yet when another service builds the base), named as among
     * {@code all}; null when it has none.
     */
    public static PlannedLayer projectDependencyLayer(List<DependencyFile> own, List<DependencyFile> all)
            throws IOException {
        Map<DependencyFile, String> paths = libraryPaths(all);
        List<LayerEntry> entries = new ArrayList<>();
        for (DependencyFile dependency : own) {
            if (dependency.kind() == DependencyFile.Kind.PROJECT) {
                addTree(entries, paths.get(dependency), dependency.file());
            }
        }
        return entries.isEmpty() ? null : new PlannedLayer(LayerRole.PROJECT_DEPENDENCIES, entries);
    }

    /**
     * The app's layers, bottom to top: launch metadata (it moves only with the classpath and the main class, so it
     * sits lowest and a code change moves the top layer alone), resources, classes; empty resources or classes left
     * out.
     */
    public static List<PlannedLayer> appLayers(Path outputDirectory, List<String> classpath, String mainClass)
            throws IOException {
        List<LayerEntry> resources = new ArrayList<>();
        List<LayerEntry> classes = new ArrayList<>();
        if (Files.isDirectory(outputDirectory)) {
            for (Path file : regularFiles(outputDirectory)) {
                String relative = relative(outputDirectory, file);
                if (relative.endsWith(".class")) {
                    classes.add(LayerEntry.file(CLASSES + "/" + relative, file));
                } else {
                    resources.add(LayerEntry.file(RESOURCES + "/" + relative, file));
                }
            }
        }
        List<PlannedLayer> layers = new ArrayList<>();
        layers.add(launchLayer(classpath, mainClass));
        if (!resources.isEmpty()) {
            layers.add(new PlannedLayer(LayerRole.RESOURCES, resources));
        }
        if (!classes.isEmpty()) {
            layers.add(new PlannedLayer(LayerRole.CLASSES, classes));
        }
        return layers;
    }

    /** The packaged mode's top layer: the project's own jar at {@link #JAR}. */
    public static PlannedLayer jarLayer(Path jar) {
        return new PlannedLayer(LayerRole.JAR, List.of(LayerEntry.file(JAR, jar)));
    }

    /** The launch layer: the classpath and the main class, one line each. */
    public static PlannedLayer launchLayer(List<String> classpath, String mainClass) {
        return new PlannedLayer(
                LayerRole.LAUNCH,
                List.of(
                        LayerEntry.bytes(
                                LAUNCH + "/classpath",
                                (String.join(":", classpath) + "\n").getBytes(StandardCharsets.UTF_8)),
                        LayerEntry.bytes(LAUNCH + "/main-class", (mainClass + "\n").getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * Where each dependency goes under /app/libs, in the project's order: {@code artifactId-version.jar}, or
     * {@code groupId-artifactId-version.jar} for every artifact whose short name another one shares.
     */
    static Map<DependencyFile, String> libraryPaths(List<DependencyFile> dependencies) {
        Map<String, Integer> counts = new HashMap<>();
        dependencies.stream()
                .filter(d -> d.imagePath() == null)
                .forEach(d -> counts.merge(d.fileName(), 1, Integer::sum));
        Map<DependencyFile, String> paths = new LinkedHashMap<>();
        for (DependencyFile dependency : dependencies) {
            if (dependency.imagePath() != null) {
                paths.put(dependency, dependency.imagePath());
                continue;
            }
            String name = counts.get(dependency.fileName()) > 1
                    ? dependency.groupId() + "-" + dependency.fileName()
                    : dependency.fileName();
            paths.put(dependency, LIBS + "/" + name);
        }
        return paths;
    }

    private static void addTree(List<LayerEntry> entries, String target, Path source) throws IOException {
        if (Files.isDirectory(source)) {
            for (Path file : regularFiles(source)) {
                entries.add(LayerEntry.file(target + "/" + relative(source, file), file));
            }
        } else {
            entries.add(LayerEntry.file(target, source));
        }
    }

    /** The regular files under a directory, following symbolic links (the JDK stops at a link cycle). */
    static List<Path> regularFiles(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory, FileVisitOption.FOLLOW_LINKS)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /**
     * The path of {@code file} under {@code root}, '/'-separated, decoded as UTF-8 from the file name's bytes. Not
     * {@code Path.toString()}: under a non-UTF-8 locale (LANG=C in many CI containers) the JDK would mangle non-ASCII
     * names, and the mangled name would reach the layer.
     */
    static String relative(Path root, Path file) {
        String raw = root.toUri().relativize(file.toUri()).getRawPath();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
