package io.github.dockerlayer.failure;

/**
 * The project is built in a way the plugin cannot make an image of (a Quarkus uber-jar or native executable), or not
 * built far enough yet (a Quarkus project before {@code package}). Not a plugin parameter's fault: the message names the
 * project's own setting, what the plugin supports, and how to switch. Thrown before anything is written.
 */
public final class UnsupportedProjectException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedProjectException(String message) {
        super(message);
    }
}
