package io.github.dockerlayer.maven;

import java.util.List;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/** Reads a value another plugin is configured with in the pom (after inheritance and interpolation). */
final class PluginConfiguration {
    private PluginConfiguration() {}

    /**
     * The value at {@code path} in the plugin's own configuration, else in that of the first of {@code executionIds}
     * that has it; null when none has it or it is still an unresolved {@code ${...}} expression.
     */
    static String value(Plugin plugin, List<String> executionIds, List<String> path) {
        if (plugin == null) {
            return null;
        }
        String value = value(plugin.getConfiguration(), path);
        for (String id : executionIds) {
            PluginExecution execution = plugin.getExecutionsAsMap().get(id);
            if (value == null && execution != null) {
                value = value(execution.getConfiguration(), path);
            }
        }
        return value == null || value.isBlank() || value.contains("${") ? null : value;
    }

    private static String value(Object configuration, List<String> path) {
        if (!(configuration instanceof Xpp3Dom node)) {
            return null;
        }
        for (String name : path) {
            node = node.getChild(name);
            if (node == null) {
                return null;
            }
        }
        return node.getValue() == null ? null : node.getValue().trim();
    }
}
