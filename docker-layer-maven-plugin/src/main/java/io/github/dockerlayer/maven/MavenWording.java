package io.github.dockerlayer.maven;

import io.github.dockerlayer.failure.Invocation;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Maven's words for the core's messages. The core names a parameter as it is written in the pom, {@code <name>};
 * here the first mention of each of this plugin's parameters that has a user property gets it:
 * {@code <platform> (property docker-layer.platform)}. Which parameters have one is {@link CommandLine}'s table, the
 * one list of them (checked against the plugin's descriptor by its test). A name inside another plugin's configuration path
 * ({@code <archive><manifest><mainClass>}) is left alone. What the core tells the user to type, an
 * {@link Invocation} marker, becomes a Maven command line: {@code -Ddocker-layer.tags=1.0.0,latest},
 * {@code mvn package docker-layer:image docker-layer:push}, "Maven is offline (-o)".
 */
public final class MavenWording {
    private static final Pattern MENTION = Pattern.compile("(?<!>)<(\\w+)>(?!<)");
    private static final String PROPERTY = " (property docker-layer.";
    private static final Pattern MARKER =
            Pattern.compile(Pattern.quote(Invocation.OPEN) + "(.*?)" + Pattern.quote(Invocation.CLOSE));
    private static final Set<String> PROPERTIES =
            CommandLine.PARAMETERS.stream().map(CommandLine.Parameter::name).collect(Collectors.toUnmodifiableSet());

    private MavenWording() {}

    /** @return the message with the user property after the first mention of each parameter that has one */
    public static String phrase(String message) {
        message = commands(message);
        if (message == null || message.indexOf('<') < 0) {
            return message;
        }
        Set<String> withProperty = properties();
        Set<String> said = new HashSet<>();
        Matcher m = MENTION.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = m.group();
            // the property follows already, or the message spelled it before this mention (-Ddocker-layer.x)
            boolean hasIt = message.startsWith(PROPERTY, m.end())
                    || message.lastIndexOf("docker-layer." + name, m.start()) >= 0;
            if (withProperty.contains(name) && said.add(name) && !hasIt) {
                replacement += PROPERTY + name + ")";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** @return the text with each {@link Invocation} marker in Maven's words; a log line, too, may hold one */
    public static String commands(String text) {
        if (text == null || !text.contains(Invocation.OPEN)) {
            return text;
        }
        Matcher m = MARKER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(command(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String command(String marker, String whole) {
        if (whole.equals(Invocation.OFFLINE)) {
            return "Maven is offline (-o)";
        }
        if (whole.equals(Invocation.ONLINE)) {
            return "without -o";
        }
        if (marker.startsWith(Invocation.SET + " ")) {
            return "-Ddocker-layer." + marker.substring(Invocation.SET.length() + 1);
        }
        if (marker.startsWith(Invocation.RUN + " ")) {
            StringBuilder line = new StringBuilder("mvn package");
            for (String step : marker.substring(Invocation.RUN.length() + 1).split(" ")) {
                line.append(step.contains("=") ? " -Ddocker-layer." : " docker-layer:")
                        .append(step);
            }
            return line.toString();
        }
        return whole;
    }

    /** @return the names of the parameters whose value a {@code docker-layer.*} user property may set */
    static Set<String> properties() {
        return PROPERTIES;
    }
}
