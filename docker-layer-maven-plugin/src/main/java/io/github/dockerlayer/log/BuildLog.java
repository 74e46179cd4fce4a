package io.github.dockerlayer.log;

/** Where a build reports progress and its layer tables; the Maven log in a mojo. */
public interface BuildLog {
    void info(String line);

    void warn(String line);

    /** Detail for {@code mvn -X}; dropped by default. */
    default void debug(String line) {}

    /** Whether progress lines for long transfers are wanted (false in batch mode, {@code mvn -B}). */
    default boolean showsProgress() {
        return false;
    }
}
