package io.github.dockerlayer.maven;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Which runtime dependencies stay out of the image, as Spring Boot's own packaging leaves them out of its jar:
 * {@code spring-boot-devtools} (a restart classloader and a LiveReload server, for development only) and
 * {@code spring-boot-docker-compose} unless asked to keep them, and whatever the project already excludes in
 * spring-boot-maven-plugin's {@code <excludes>} and {@code <excludeGroupIds>} (plugin level or any execution).
 */
final class SpringBootExcludes {
    static final String BOOT_GROUP = "org.springframework.boot";
    private static final String BOOT_PLUGIN = "org.springframework.boot:spring-boot-maven-plugin";

    private final Set<String> excludes = new LinkedHashSet<>(); // groupId:artifactId[:classifier]
    private final Set<String> excludeGroupIds = new LinkedHashSet<>();
    private final boolean excludeDevtools;
    private final boolean excludeDockerCompose;

    private SpringBootExcludes(boolean excludeDevtools, boolean excludeDockerCompose) {
        this.excludeDevtools = excludeDevtools;
        this.excludeDockerCompose = excludeDockerCompose;
    }

    /** The project's exclusions, with the two development-only Boot modules left out unless kept. */
    static SpringBootExcludes of(MavenProject project, boolean excludeDevtools, boolean excludeDockerCompose) {
        SpringBootExcludes result = new SpringBootExcludes(excludeDevtools, excludeDockerCompose);
        Plugin plugin = project.getPlugin(BOOT_PLUGIN);
        if (plugin != null) {
            List<Object> configurations = new ArrayList<>();
            configurations.add(plugin.getConfiguration());
            for (PluginExecution execution : plugin.getExecutions()) {
                configurations.add(execution.getConfiguration());
            }
            for (Object configuration : configurations) {
                if (configuration instanceof Xpp3Dom dom) {
                    result.read(dom);
                }
            }
        }
        return result;
    }

    private void read(Xpp3Dom configuration) {
        Xpp3Dom list = configuration.getChild("excludes");
        if (list != null) {
            for (Xpp3Dom exclude : list.getChildren("exclude")) {
                String groupId = text(exclude, "groupId");
                String artifactId = text(exclude, "artifactId");
                if (groupId != null && artifactId != null) {
                    String classifier = text(exclude, "classifier");
                    excludes.add(groupId + ":" + artifactId + (classifier == null ? "" : ":" + classifier));
                }
            }
        }
        String groups = text(configuration, "excludeGroupIds");
        if (groups != null) {
            for (String group : groups.split(",")) {
                if (!group.isBlank()) {
                    excludeGroupIds.add(group.trim());
                }
            }
        }
    }

    private static String text(Xpp3Dom parent, String name) {
        Xpp3Dom child = parent.getChild(name);
        String value = child == null || child.getValue() == null
                ? null
                : child.getValue().trim();
        return value == null || value.isEmpty() || value.contains("${") ? null : value;
    }

    /** Why {@code artifact} stays out of the image, or null when it goes in. */
    String reason(Artifact artifact) {
        return reason(artifact.getGroupId(), artifact.getArtifactId(), artifact.getClassifier());
    }

    /** Why the artifact with these coordinates stays out of the image, or null when it goes in. */
    String reason(String groupId, String artifactId, String classifier) {
        String ga = groupId + ":" + artifactId;
        if (BOOT_GROUP.equals(groupId) && "spring-boot-devtools".equals(artifactId) && excludeDevtools) {
            return "development only (set <excludeDevtools>false</excludeDevtools> to keep it)";
        }
        if (BOOT_GROUP.equals(groupId) && "spring-boot-docker-compose".equals(artifactId) && excludeDockerCompose) {
            return "development only (set <excludeDockerCompose>false</excludeDockerCompose> to keep it)";
        }
        // groupId:artifactId matches every classifier; with a classifier, only that one.
        if (excludes.contains(ga)
                || classifier != null && !classifier.isEmpty() && excludes.contains(ga + ":" + classifier)) {
            return "excluded in spring-boot-maven-plugin's <excludes>";
        }
        if (excludeGroupIds.contains(groupId)) {
            return "excluded in spring-boot-maven-plugin's <excludeGroupIds>";
        }
        return null;
    }
}
