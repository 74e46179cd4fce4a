package io.github.dockerlayer.failure;

/**
 * A parameter the user gave (or left to its default) cannot work. The message says which parameter, what is wrong
 * with it and how to fix it, and nothing has been written when it is thrown. Parameters are named as in the pom
 * ({@code <name>}); the plugin layer adds how else a user sets them (a user property).
 */
public final class InvalidParameterException extends RuntimeException {
    private final String parameter;

    /**
     * @param parameter the parameter's name as in the pom, e.g. {@code tags}
     * @param problem what is wrong, a sentence
     * @param fix how to fix it, a sentence
     */
    public InvalidParameterException(String parameter, String problem, String fix) {
        super("Invalid <" + parameter + ">: " + problem + " Fix: " + fix);
        this.parameter = parameter;
    }

    /** @return the parameter's name as in the pom */
    public String parameter() {
        return parameter;
    }
}
