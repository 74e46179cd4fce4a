package io.github.dockerlayer.log;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A build log that keeps its lines for a test to check; warnings start with {@code WARN }. {@link #withLevels()} makes
 * one that also keeps debug lines and starts every line with its level ({@code INFO }, {@code WARN }, {@code DEBUG }).
 * Safe to write from several threads; read {@link #lines()} while holding its lock, or use {@link #all()}.
 */
public class RecordingLog implements BuildLog {
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final boolean levels;

    /** Keeps info lines as they are and warnings as {@code WARN ...}; drops debug lines. */
    public RecordingLog() {
        this(false);
    }

    /** @param levels also keep debug lines, and start every line with its level */
    protected RecordingLog(boolean levels) {
        this.levels = levels;
    }

    /** A log that keeps every line, debug included, each as {@code LEVEL line}. */
    public static RecordingLog withLevels() {
        return new RecordingLog(true);
    }

    @Override
    public void info(String line) {
        lines.add(levels ? "INFO " + line : line);
    }

    @Override
    public void warn(String line) {
        lines.add("WARN " + line);
    }

    @Override
    public void debug(String line) {
        if (levels) {
            lines.add("DEBUG " + line);
        }
    }

    /** The lines so far, live. */
    public List<String> lines() {
        return lines;
    }

    /** The lines so far, one string, separated by newlines. */
    public String all() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }
}
