package io.github.dockerlayer.assemble;

import io.github.dockerlayer.failure.Invocation;
import io.github.dockerlayer.failure.UnsupportedProjectException;
import io.github.dockerlayer.layer.QuarkusLayout;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A Quarkus project's fast-jar, {@code target/quarkus-app}, checked: the packaging Quarkus builds is the fast-jar (its
 * default; the only one the plugin layers), and the tree is there (the goal runs after {@code package}).
 *
 * @param directory the {@code quarkus-app} directory
 */
public record QuarkusApp(Path directory) {
    /** The name of the fast-jar's directory in the build directory. */
    public static final String DIRECTORY = "quarkus-app";

    private static final String JAR_TYPE = "quarkus.package.jar.type";
    private static final String OLD_TYPE = "quarkus.package.type";
    private static final String NATIVE = "quarkus.native.enabled";
    private static final Set<String> FAST_JAR = Set.of("fast-jar", "jar");

    /**
     * The packaging Quarkus builds.
     *
     * @param value {@code fast-jar} (also when nothing sets it), {@code uber-jar}, {@code native}...
     * @param origin where it was set ({@code quarkus.package.jar.type=uber-jar in .../application.properties}), or null
     *     for the default
     */
    public record PackageType(String value, String origin) {
        /** Whether the plugin layers it: the fast-jar only. */
        public boolean supported() {
            return FAST_JAR.contains(value);
        }
    }

    /**
     * The packaging, read as Quarkus's configuration does, the first source that sets it winning: system properties
     * ({@code -D} on Maven's command line), environment variables ({@code QUARKUS_PACKAGE_JAR_TYPE}), the pom's
     * properties, {@code application.properties} ({@code %prod.} first). {@code quarkus.package.jar.type}, then its
     * older name {@code quarkus.package.type}; {@code quarkus.native.enabled=true} means a native executable.
     *
     * @param applicationProperties the project's {@code application.properties}; need not exist
     */
    public static PackageType packageType(
            Map<String, String> systemProperties,
            Map<String, String> environment,
            Map<String, String> pomProperties,
            Path applicationProperties)
            throws IOException {
        Properties file = new Properties();
        if (Files.isRegularFile(applicationProperties)) {
            try (Reader reader = Files.newBufferedReader(applicationProperties, StandardCharsets.UTF_8)) {
                file.load(reader);
            }
        }
        String[] nativeEnabled =
                lookup(NATIVE, systemProperties, environment, pomProperties, file, applicationProperties);
        if (nativeEnabled != null && Boolean.parseBoolean(nativeEnabled[0].trim())) {
            return new PackageType("native", nativeEnabled[1]);
        }
        for (String key : List.of(JAR_TYPE, OLD_TYPE)) {
            String[] found = lookup(key, systemProperties, environment, pomProperties, file, applicationProperties);
            if (found != null && !found[0].isBlank()) {
                return new PackageType(found[0].trim().toLowerCase(Locale.ROOT), found[1]);
            }
        }
        return new PackageType("fast-jar", null);
    }

    /** The value of {@code key} and where it was set, or null. */
    private static String[] lookup(
            String key,
            Map<String, String> system,
            Map<String, String> environment,
            Map<String, String> pom,
            Properties file,
            Path fileName) {
        if (system.get(key) != null) {
            return new String[] {
                system.get(key), key + "=" + system.get(key) + " (a system property, e.g. -D" + key + ")"
            };
        }
        String variable = key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        if (environment.get(variable) != null) {
            return new String[] {
                environment.get(variable), variable + "=" + environment.get(variable) + " (environment)"
            };
        }
        if (pom.get(key) != null) {
            return new String[] {pom.get(key), "<" + key + ">" + pom.get(key) + "</" + key + "> in the pom's properties"
            };
        }
        for (String name : List.of("%prod." + key, key)) {
            String value = file.getProperty(name);
            if (value != null) {
                return new String[] {value, name + "=" + value.trim() + " in " + fileName};
            }
        }
        return null;
    }

    /**
     * The checked fast-jar under {@code buildDirectory}: fails when Quarkus builds another packaging, naming it, what is
     * supported and how to switch, or when {@code quarkus-run.jar} is not there yet.
     */
    public static QuarkusApp of(Path buildDirectory, PackageType type) {
        if (!type.supported()) {
            String switchTo = type.value().startsWith("native")
                            || type.origin() != null && type.origin().startsWith(NATIVE)
                    ? "build the JVM packaging for this image (leave out quarkus.native.enabled / -Dnative, or use Quarkus's own"
                            + " container-image extensions for a native executable)"
                    : "remove that setting (the fast-jar is Quarkus's default) or set quarkus.package.jar.type=fast-jar";
            throw new UnsupportedProjectException("This Quarkus project builds a " + type.value() + " ("
                    + type.origin() + "), which docker-layer cannot layer: it supports Quarkus's fast-jar"
                    + " (target/quarkus-app: lib/ in the base image, quarkus-run.jar, app/ and quarkus/ in the app image)."
                    + " Fix: " + switchTo + ".");
        }
        Path directory = buildDirectory.resolve(DIRECTORY);
        if (!Files.isRegularFile(directory.resolve("quarkus-run.jar"))) {
            throw new UnsupportedProjectException("This is a Quarkus project (quarkus-maven-plugin's build goal), but "
                    + directory.resolve("quarkus-run.jar")
                    + " does not exist: Quarkus has not packaged its fast-jar yet."
                    + " Fix: run the goal after the package phase, e.g. " + Invocation.goals(List.of("image")) + ".");
        }
        return new QuarkusApp(directory);
    }

    /** The files of {@code lib/} (boot and main), sorted: what goes into the base. */
    public List<Path> libraries() throws IOException {
        return QuarkusLayout.libraries(directory);
    }
}
