package io.github.dockerlayer.log;

/** Where a build reports progress and its layer tables; the Maven log in a mojo. */
public interface BuildLog {
    void info(String line);

    void warn(String line);
}
