package io.github.dockerlayer.log;

import java.util.ArrayList;
import java.util.List;

/** A build log that keeps its lines for a test to check; warnings start with {@code WARN }. */
public final class RecordingLog implements BuildLog {
    private final List<String> lines = new ArrayList<>();

    @Override
    public void info(String line) {
        lines.add(line);
    }

    @Override
    public void warn(String line) {
        lines.add("WARN " + line);
    }

    /** The lines so far, live. */
    public List<String> lines() {
        return lines;
    }
}
