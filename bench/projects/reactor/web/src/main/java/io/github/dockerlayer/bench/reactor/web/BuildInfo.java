package io.github.dockerlayer.bench.reactor.web;

/** What the web service says about its own build. bench/run.sh rewrites the NOTE line before each timed build. */
public final class BuildInfo {
    /** A free-form note shown by {@code /info}; the one line a benchmark round changes. */
    public static final String NOTE = "as committed";

    public static final String NAME = "web";

    private BuildInfo() {}
}
