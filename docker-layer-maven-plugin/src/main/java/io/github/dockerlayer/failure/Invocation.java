package io.github.dockerlayer.failure;

import java.util.List;

/**
 * How a core message tells the user what to type, without the build tool's words: set a parameter on the command
 * line, run goals, or the build tool's offline mode. Each method returns a marker, {@code {{...}}}, that stands in
 * the message where the words go; the plugin layer (maven/MavenWording) puts its own words there, e.g.
 * {@code -Ddocker-layer.tags=1.0.0,latest} or {@code mvn package docker-layer:image docker-layer:push}.
 */
public final class Invocation {
    /** What starts every marker. */
    public static final String OPEN = "{{";
    /** What ends every marker. */
    public static final String CLOSE = "}}";
    /** The marker's word for a parameter set on the command line. */
    public static final String SET = "set";
    /** The marker's word for goals to run. */
    public static final String RUN = "run";
    /** The marker for the build tool's offline mode (a noun phrase: "offline mode"). */
    public static final String OFFLINE = OPEN + "offline" + CLOSE;
    /** The marker for leaving offline mode ("online"). */
    public static final String ONLINE = OPEN + "online" + CLOSE;

    private Invocation() {}

    /** @return the parameter as set on the command line, without a value: {@code set failOnBaseChange} */
    public static String parameter(String name) {
        return OPEN + SET + " " + name + CLOSE;
    }

    /** @return the parameter set to a value on the command line: {@code set tags=1.0.0,latest} */
    public static String parameter(String name, String value) {
        return OPEN + SET + " " + name + "=" + value + CLOSE;
    }

    /**
     * @param steps in order, each a goal of this plugin ({@code image}) or a parameter set for the run
     *     ({@code load=true})
     * @return a run of the project's build up to its packaging with these goals: {@code run image load=true push}
     */
    public static String goals(List<String> steps) {
        return OPEN + RUN + " " + String.join(" ", steps) + CLOSE;
    }
}
