package io.github.dockerlayer.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Whether a project's jar bundles what is not the project's own code: a Spring Boot repackaged jar
 * ({@code BOOT-INF/}), a shaded jar (the {@code META-INF/maven/} pom of another artifact, or classes the project's
 * output directory does not hold). In packaged mode such a jar would put every dependency into the app's top layer a
 * second time (they are in the base already), so it is refused.
 */
public final class FatJar {
    private FatJar() {}

    /**
     * What shows that {@code jar} bundles dependencies, a phrase; null when it holds the project's own code only.
     *
     * @param classesDirectory the project's output directory, or a path that does not exist (then classes are not compared)
     * @param groupId the project's groupId
     * @param artifactId the project's artifactId
     */
    public static String problem(Path jar, Path classesDirectory, String groupId, String artifactId)
            throws IOException {
        String ownPom = "META-INF/maven/" + groupId + "/" + artifactId + "/";
        TreeSet<String> others = new TreeSet<>();
        String foreignClass = null;
        boolean compare = Files.isDirectory(classesDirectory);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (name.startsWith("BOOT-INF/") || name.startsWith("WEB-INF/lib/")) {
                    return "it holds " + name.substring(0, name.indexOf('/') + 1) + " (a Spring Boot repackaged jar)";
                }
                if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.xml") && !name.startsWith(ownPom)) {
                    String[] parts = name.split("/");
                    if (parts.length == 5) {
                        others.add(parts[2] + ":" + parts[3]);
                    }
                }
                if (compare
                        && foreignClass == null
                        && name.endsWith(".class")
                        && !name.startsWith("META-INF/")
                        && !Files.isRegularFile(classesDirectory.resolve(name))) {
                    foreignClass = name;
                }
            }
        }
        if (!others.isEmpty()) {
            List<String> named = new ArrayList<>(others);
            return "it holds the poms of other artifacts ("
                    + String.join(", ", named.subList(0, Math.min(3, named.size()))) + (named.size() > 3 ? ", ..." : "")
                    + "), as a shaded jar does";
        }
        if (foreignClass != null) {
            return "it holds " + foreignClass + ", which is not among the project's classes (" + classesDirectory
                    + "), as a shaded jar does";
        }
        return null;
    }
}
