package io.github.dockerlayer.failure;

/**
 * A check the user turned on found what it guards against (e.g. {@code failOnBaseChange}: the base moved). Nothing
 * is wrong with the parameters or the environment: the build's input is not what it was told to expect, so this is
 * a build failure, as a failed test is. The message names the check, what it found and how to proceed.
 */
public final class CheckFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String check;

    /**
     * @param check the parameter that asked for the check, e.g. {@code failOnBaseChange}
     * @param message what was expected, what was found and how to proceed
     */
    public CheckFailedException(String check, String message) {
        super(message);
        this.check = check;
    }

    public String check() {
        return check;
    }
}
