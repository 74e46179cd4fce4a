package io.github.dockerlayer.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;

/**
 * Which resolved dependencies go into the image: the one rule for a module's own base and for a shared base.
 *
 * <p>A plain project takes its runtime classpath: {@code compile}, {@code runtime} and {@code system} scope. A project
 * that declares spring-boot-maven-plugin takes what that plugin's {@code repackage} puts into {@code BOOT-INF/lib}:
 * {@code compile}, {@code runtime} and {@code provided} scope (and their dependencies); {@code system} only with
 * {@code <includeSystemScope>true}; direct optional dependencies unless {@code <includeOptional>false} (the default of
 * Boot 3.x; from Boot 4.0 the default is false, so they stay out unless {@code true}); never a jar whose manifest says
 * {@code Spring-Boot-Jar-Type: dependencies-starter} (the {@code spring-boot-starter-*} jars, which hold no classes) or
 * {@code annotation-processor}. The repackager also adds {@code spring-boot-jarmode-tools}, which only
 * {@code java -Djarmode=tools -jar} uses: the image runs the classes with {@code -cp} and never in jar mode, so it is
 * not added. Both kinds leave out what {@link SpringBootExcludes} names (devtools, docker-compose, the Boot plugin's
 * {@code <excludes>} and {@code <excludeGroupIds>}).
 */
final class DependencyRule {
    private static final String BOOT_PLUGIN = "org.springframework.boot:spring-boot-maven-plugin";
    private static final Set<String> RUNTIME = Set.of("compile", "runtime", "system");
    private static final Set<String> BOOT = Set.of("compile", "runtime", "provided", "system");
    private static final Set<String> BOOT_LEAVES_OUT = Set.of("dependencies-starter", "annotation-processor");
    /** Spring-Boot-Jar-Type of a jar by path, size and mtime: each jar's manifest is read once per build. */
    private static final Map<String, String> JAR_TYPES = new ConcurrentHashMap<>();

    /**
     * What to do with one dependency.
     *
     * @param in whether it goes into the image
     * @param why why it stays out, for the log; null when it goes in or is not a runtime dependency at all
     */
    record Decision(boolean in, String why) {
        static final Decision IN = new Decision(true, null);
        static final Decision NOT_RUNTIME = new Decision(false, null);
    }

    private final SpringBootExcludes excludes;
    private final boolean boot;
    private final boolean includeOptional;
    private final boolean includeSystemScope;

    private DependencyRule(
            SpringBootExcludes excludes, boolean boot, boolean includeOptional, boolean includeSystemScope) {
        this.excludes = excludes;
        this.boot = boot;
        this.includeOptional = includeOptional;
        this.includeSystemScope = includeSystemScope;
    }

    /** The rule for {@code project}, with the plugin's {@code excludeDevtools} and {@code excludeDockerCompose}. */
    static DependencyRule of(MavenProject project, boolean excludeDevtools, boolean excludeDockerCompose) {
        SpringBootExcludes excludes = SpringBootExcludes.of(project, excludeDevtools, excludeDockerCompose);
        Plugin plugin = project.getPlugin(BOOT_PLUGIN);
        if (plugin == null) {
            return new DependencyRule(excludes, false, true, true);
        }
        String optional = PluginConfiguration.value(plugin, List.of(), List.of("includeOptional"));
        String system = PluginConfiguration.value(plugin, List.of(), List.of("includeSystemScope"));
        return new DependencyRule(
                excludes,
                true,
                optional != null ? Boolean.parseBoolean(optional) : majorVersion(plugin.getVersion()) < 4,
                Boolean.parseBoolean(system));
    }

    /** Whether the Spring Boot repackager's rules apply. */
    boolean springBoot() {
        return boot;
    }

    /** The scopes to resolve: a Boot project's {@code provided} dependencies are resolved too. */
    Set<String> scopes() {
        return boot ? BOOT : RUNTIME;
    }

    /**
     * Whether the dependency goes into the image.
     *
     * @param classifier null or empty for none
     * @param optional whether it is a direct optional dependency
     * @param file the resolved jar (or a reactor module's classes directory)
     */
    Decision decide(String groupId, String artifactId, String classifier, String scope, boolean optional, Path file) {
        if (!scopes().contains(scope == null ? "compile" : scope)) {
            return Decision.NOT_RUNTIME;
        }
        String excluded = excludes.reason(groupId, artifactId, classifier);
        if (excluded != null) {
            return new Decision(false, excluded);
        }
        if (!boot) {
            return Decision.IN;
        }
        if ("system".equals(scope) && !includeSystemScope) {
            return new Decision(
                    false,
                    "system scope, which spring-boot-maven-plugin leaves out (set its"
                            + " <includeSystemScope>true</includeSystemScope> to keep it)");
        }
        if (optional && !includeOptional) {
            return new Decision(
                    false,
                    "optional, which spring-boot-maven-plugin leaves out (set its"
                            + " <includeOptional>true</includeOptional> to keep it)");
        }
        String type = file == null ? "" : jarType(file);
        if (BOOT_LEAVES_OUT.contains(type)) {
            return new Decision(false, "Spring-Boot-Jar-Type: " + type + ", which spring-boot-maven-plugin leaves out");
        }
        return Decision.IN;
    }

    /** The jar's {@code Spring-Boot-Jar-Type} manifest attribute, or "" (also for a directory or an unreadable file). */
    private static String jarType(Path file) {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        String key;
        try {
            key = file.toAbsolutePath() + ":" + Files.size(file) + ":"
                    + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return "";
        }
        return JAR_TYPES.computeIfAbsent(key, k -> {
            try (JarFile jar = new JarFile(file.toFile(), false)) {
                var manifest = jar.getManifest();
                String type =
                        manifest == null ? null : manifest.getMainAttributes().getValue("Spring-Boot-Jar-Type");
                return type == null ? "" : type.trim();
            } catch (IOException notAJar) {
                return "";
            }
        });
    }

    /** The major version of {@code version} ("3.5.7" gives 3); 3 when unknown. */
    private static int majorVersion(String version) {
        if (version != null) {
            String digits = version.trim().replaceFirst("^(\\d+).*$", "$1");
            if (digits.matches("\\d+")) {
                return Integer.parseInt(digits);
            }
        }
        return 3;
    }
}
