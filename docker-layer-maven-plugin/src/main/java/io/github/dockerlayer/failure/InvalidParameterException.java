package io.github.dockerlayer.failure;

/**
 * A parameter the user gave (or left to its default) cannot work. The message says which parameter, what is wrong
 * with it and how to fix it, and nothing has been written when it is thrown.
 */
public final class InvalidParameterException extends RuntimeException {
    /** Parameters with no property form: they are set in the pom only. */
    private static final java.util.Set<String> POM_ONLY = java.util.Set.of("extraDirectories");

    private final String parameter;

    /**
     * @param parameter the parameter's name as in the pom, e.g. {@code tags}
     * @param problem what is wrong, a sentence
     * @param fix how to fix it, a sentence
     */
    public InvalidParameterException(String parameter, String problem, String fix) {
        super("Invalid <" + parameter + ">"
                + (POM_ONLY.contains(parameter) ? "" : " (property docker-layer." + parameter + ")") + ": " + problem
                + " Fix: " + fix);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
