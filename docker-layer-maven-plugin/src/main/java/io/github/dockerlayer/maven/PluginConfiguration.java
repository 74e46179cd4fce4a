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
     * that has it (every execution, in pom order, when the list is empty); null when none has it or it is still an
     * unresolved {@code ${...}} expression. At each step of the path every child of that name is looked into
     * ({@code transformers/transformer/mainClass} finds the one transformer that has a mainClass).
     */
    static String value(Plugin plugin, List<String> executionIds, List<String> path) {
        if (plugin == null) {
            return null;
        }
        String value = value(plugin.getConfiguration(), path);
        List<PluginExecution> executions = executionIds.isEmpty()
                ? plugin.getExecutions()
                : executionIds.stream()
                        .map(plugin.getExecutionsAsMap()::get)
                        .filter(e -> e != null)
                        .toList();
        for (PluginExecution execution : executions) {
            if (value == null) {
                value = value(execution.getConfiguration(), path);
            }
        }
        return value == null || value.isBlank() || value.contains("${") ? null : value;
    }

    /**
     * The values of the children of the list element {@code name} ({@code <arguments><argument>a</argument>...}), from
     * the plugin's own configuration, else from the first execution (in pom order) that has the list; null when none
     * has it. Blank items are left out.
     */
    static List<String> values(Plugin plugin, String name) {
        if (plugin == null) {
            return null;
        }
        for (Object configuration : configurations(plugin)) {
            Xpp3Dom list = configuration instanceof Xpp3Dom node ? node.getChild(name) : null;
            if (list != null && list.getChildCount() > 0) {
                List<String> values = new java.util.ArrayList<>();
                for (Xpp3Dom item : list.getChildren()) {
                    if (item.getValue() != null && !item.getValue().isBlank()) {
                        values.add(item.getValue().trim());
                    }
                }
                return values;
            }
        }
        return null;
    }

    /**
     * Whether the plugin's configuration, or that of one of its executions, sets {@code name}: an element with a value
     * or with children (a list parameter).
     */
    static boolean sets(Plugin plugin, String name) {
        if (plugin == null) {
            return false;
        }
        for (Object configuration : configurations(plugin)) {
            if (configuration instanceof Xpp3Dom node) {
                for (Xpp3Dom child : node.getChildren(name)) {
                    if (child.getChildCount() > 0
                            || (child.getValue() != null && !child.getValue().isBlank())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The plugin's own configuration, then each execution's, in pom order. */
    private static List<Object> configurations(Plugin plugin) {
        List<Object> configurations = new java.util.ArrayList<>();
        configurations.add(plugin.getConfiguration());
        plugin.getExecutions().forEach(execution -> configurations.add(execution.getConfiguration()));
        return configurations;
    }

    private static String value(Object configuration, List<String> path) {
        return configuration instanceof Xpp3Dom node ? find(node, path, 0) : null;
    }

    private static String find(Xpp3Dom node, List<String> path, int depth) {
        if (depth == path.size()) {
            return node.getValue() == null ? null : node.getValue().trim();
        }
        for (Xpp3Dom child : node.getChildren(path.get(depth))) {
            String value = find(child, path, depth + 1);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
