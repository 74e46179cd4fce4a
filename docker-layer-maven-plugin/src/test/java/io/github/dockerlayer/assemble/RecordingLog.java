package io.github.dockerlayer.assemble;

import io.github.dockerlayer.log.BuildLog;
import java.util.ArrayList;
import java.util.List;

/** A build log that keeps its lines for a test to check; warnings start with {@code WARN }. */
final class RecordingLog implements BuildLog {
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
    List<String> lines() {
        return lines;
    }
}
