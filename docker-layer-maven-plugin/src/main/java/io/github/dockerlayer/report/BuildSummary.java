package io.github.dockerlayer.report;

import io.github.dockerlayer.log.Sizes;
import io.github.dockerlayer.record.BuildRecord;
import io.github.dockerlayer.record.BuildRecords;
import io.github.dockerlayer.record.BuiltImage;
import io.github.dockerlayer.record.BuiltLayer;
import io.github.dockerlayer.record.ImageKind;
import io.github.dockerlayer.record.LayerRecord;
import io.github.dockerlayer.record.LayerStatus;
import io.github.dockerlayer.record.OutputFiles;
import io.github.dockerlayer.record.PushRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the modules of one build did, told once at its end: for each service its image, tags, digest and base, per
 * layer what the build and the push did, and the bytes a fresh node pulls to run them all (each layer counted once,
 * so a base the services share counts once). Modules report as they finish, from any thread ({@code mvn -T}); the
 * records are read back from {@code image.json}, which the push (when it ran) has completed.
 */
public final class BuildSummary {
    private final Map<String, List<String>> state;
    private final List<String> order;

    /**
     * @param order the modules in the order the summary lists them (the reactor's); others come last, as they report
     * @param state where the modules' reports are kept: JDK types only ({@link #newState()}), so that goals of the
     *     plugin loaded by two class realms of one build (an extension and a goal named on the command line) can share
     *     it
     */
    public BuildSummary(List<String> order, Map<String, List<String>> state) {
        this.order = List.copyOf(order);
        this.state = state;
    }

    /** A new, empty state for {@link #BuildSummary(List, Map)}. */
    public static Map<String, List<String>> newState() {
        return java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    }

    /** What a module reported: where its records are, whether it pushed, and the build's layer statuses. */
    private record Entry(Path output, boolean pushed, List<LayerStatus> statuses) {
        List<String> encode() {
            List<String> fields = new ArrayList<>(List.of(output.toString(), Boolean.toString(pushed)));
            statuses.forEach(status -> fields.add(status.name()));
            return fields;
        }

        static Entry decode(List<String> fields) {
            return new Entry(
                    Path.of(fields.get(0)),
                    Boolean.parseBoolean(fields.get(1)),
                    fields.subList(2, fields.size()).stream()
                            .map(LayerStatus::valueOf)
                            .toList());
        }
    }

    /** Keys of the base goal's reports, kept apart from the images'. */
    private static final String BASE = "\u0000base:";

    /**
     * The base goal built {@code base} for {@code module}: when the image goal of the same build then finds those
     * layers in the layout, the summary says what the base goal did to get them (imported, built), not "reused", as
     * the base goal's own table did.
     */
    public void baseBuilt(String module, BuiltImage base) {
        synchronized (state) {
            state.put(
                    BASE + module,
                    base.layers().stream().map(layer -> layer.status().name()).toList());
        }
    }

    /** The image goal built {@code app} in {@code output} for {@code module}. */
    public void built(String module, Path output, BuiltImage app) {
        synchronized (state) {
            List<String> before = state.get(module);
            boolean pushed = before != null && Entry.decode(before).pushed();
            List<LayerStatus> statuses = new ArrayList<>(
                    app.layers().stream().map(BuiltLayer::status).toList());
            List<String> base = state.getOrDefault(BASE + module, List.of());
            for (int i = 0; i < Math.min(base.size(), statuses.size()); i++) {
                if (statuses.get(i) == LayerStatus.REUSED) {
                    statuses.set(i, LayerStatus.valueOf(base.get(i)));
                }
            }
            state.put(module, new Entry(output, pushed, statuses).encode());
        }
    }

    /** The push goal pushed what {@code module}'s image goal built (its image.json now says what it did per layer). */
    public void pushed(String module, Path output) {
        synchronized (state) {
            List<String> before = state.get(module);
            state.put(
                    module,
                    new Entry(
                                    output,
                                    true,
                                    before == null
                                            ? List.of()
                                            : Entry.decode(before).statuses())
                            .encode());
        }
    }

    /** Whether any module reported. */
    public boolean isEmpty() {
        synchronized (state) {
            return state.keySet().stream().allMatch(key -> key.startsWith(BASE));
        }
    }

    /** The summary, one line a list item; a line that could not be read says so instead. */
    public List<String> lines() {
        Map<String, Entry> entries = new LinkedHashMap<>();
        synchronized (state) {
            state.forEach((module, fields) -> {
                if (!module.startsWith(BASE)) {
                    entries.put(module, Entry.decode(fields));
                }
            });
        }
        List<String> lines = new ArrayList<>();
        Map<String, Long> distinct = new LinkedHashMap<>(); // layer digest -> size, over all images
        long separate = 0;
        int pushed = 0;
        lines.add("docker-layer summary: " + entries.size() + " image" + (entries.size() == 1 ? "" : "s"));
        List<Map.Entry<String, Entry>> sorted = new ArrayList<>(entries.entrySet());
        sorted.sort(java.util.Comparator.comparingInt(
                e -> order.contains(e.getKey()) ? order.indexOf(e.getKey()) : order.size()));
        for (Map.Entry<String, Entry> e : sorted) {
            Entry entry = e.getValue();
            Path file = new OutputFiles(entry.output()).imageJson();
            BuildRecord record;
            try {
                record = BuildRecords.read(file, ImageKind.APP);
            } catch (IOException ex) {
                lines.add("  " + e.getKey() + ": cannot read " + file + " (" + ex.getMessage() + ")");
                continue;
            }
            PushRecord push = entry.pushed() ? record.push() : null;
            if (push != null) {
                pushed++;
            }
            List<String> tags = record.tags();
            lines.add(String.format(
                    "  %s: %s %s%s",
                    e.getKey(),
                    text(record.image()),
                    shortDigest(text(record.manifest().digest())),
                    tags.size() > 1 ? " (tags " + String.join(", ", tags) + ")" : ""));
            lines.add("    on " + text(record.parent().image()) + " "
                    + shortDigest(text(record.parent().digest())));
            List<String> layers = new ArrayList<>();
            long imageBytes = 0;
            List<LayerRecord> recorded = record.manifest().layers();
            for (int i = 0; i < recorded.size(); i++) {
                LayerRecord layer = recorded.get(i);
                imageBytes += layer.size();
                distinct.put(text(layer.digest()), layer.size());
                StringBuilder what = new StringBuilder(text(layer.role())).append(' ');
                what.append(i < entry.statuses().size() ? built(entry.statuses().get(i)) : "recorded");
                if (push != null && layer.push() != null) {
                    what.append(", ").append(layer.push());
                    if (layer.bytesSent() != null && layer.bytesSent() > 0) {
                        what.append(' ').append(Sizes.human(layer.bytesSent()));
                    }
                }
                layers.add(what.toString());
            }
            separate += imageBytes;
            lines.add("    " + String.join(" | ", runs(layers)));
            if (push != null && push.bytesSent() != null) {
                long sent = push.bytesSent();
                lines.add("    pushed to " + text(push.registry()) + "/" + text(push.repository()) + ": "
                        + (sent == 0
                                ? "nothing sent, the registry held it all"
                                : Sizes.human(sent) + " sent (layers, config and manifest)"));
            }
        }
        long fresh = distinct.values().stream().mapToLong(Long::longValue).sum();
        lines.add(String.format(
                "  A fresh node pulls %s to run %s (%d distinct layers%s).",
                Sizes.human(fresh),
                entries.size() == 1 ? "it" : "the " + entries.size() + " images",
                distinct.size(),
                separate > fresh ? "; " + Sizes.human(separate) + " if no layer were shared" : ""));
        if (pushed > 0 && pushed < entries.size()) {
            lines.add("  " + (entries.size() - pushed) + " of the images were not pushed in this build.");
        }
        return lines;
    }

    /** Equal neighbours once, with a count: a from image's many layers are one item. */
    private static List<String> runs(List<String> items) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); ) {
            int j = i;
            while (j < items.size() && items.get(j).equals(items.get(i))) {
                j++;
            }
            out.add(j - i > 1 ? items.get(i) + " (x" + (j - i) + ")" : items.get(i));
            i = j;
        }
        return out;
    }

    /** What the build did to get a layer, in the summary's words. */
    private static String built(LayerStatus status) {
        return switch (status) {
            case NEW -> "built";
            case UNCHANGED -> "built (same digest)";
            case REUSED -> "reused";
            case IMPORTED -> "imported";
            case REMOTE -> "left in the registry";
        };
    }

    /** A recorded value as the summary writes it: empty when the record lacks it. */
    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        return colon < 0 || digest.length() < colon + 13 ? digest : digest.substring(0, colon + 13);
    }
}
