package io.github.dockerlayer.maven;

import io.github.dockerlayer.failure.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.maven.project.MavenProject;

/**
 * The arguments the container passes to the main class (the image's {@code Cmd}), and where they came from: the user's
 * {@code <args>}; else exec-maven-plugin's {@code <arguments>} or {@code <commandlineArgs>} when exec runs the same main
 * class (that is how the project's authors run it); else, for a {@linkplain #KNOWN known launcher} that starts nothing
 * without arguments, the arguments that launch the verticle the pom names. A known launcher with no verticle fails the
 * build: its container would print the launcher's usage and exit 0, which an orchestrator counts as success.
 *
 * @param args the arguments, maybe empty
 * @param origin where they came from, e.g. {@code exec-maven-plugin's <arguments>}; null when there are none
 */
record LaunchArgs(List<String> args, String origin) {
    static final String EXEC_PLUGIN = "org.codehaus.mojo:exec-maven-plugin";

    /**
     * A main class that does nothing useful without arguments the image would not carry: a verticle to run, which the
     * jar's manifest ({@code Main-Verticle}) gives when run with {@code java -jar}, but the image runs the classes
     * with {@code -cp}, without that manifest.
     *
     * @param className the launcher's class
     * @param name what to call it in the log
     * @param args the arguments that run the verticle
     */
    private record Launcher(String className, String name, Function<String, List<String>> args) {}

    /**
     * The launchers known to need a verticle. Keep this list small: only launchers that, given no arguments, exit 0
     * without starting the application. Vert.x 4's {@code io.vertx.core.Launcher} takes a command ({@code run}) and
     * the verticle; Vert.x 5's {@code VertxApplication} (vertx-launcher-application) takes the verticle alone.
     */
    private static final List<Launcher> KNOWN = List.of(
            new Launcher("io.vertx.core.Launcher", "Vert.x 4's launcher", verticle -> List.of("run", verticle)),
            new Launcher(
                    "io.vertx.launcher.application.VertxApplication", "Vert.x 5's application launcher", List::of));

    /** Where a pom names the main verticle, in the order they are looked at. */
    private static final List<String> VERTICLE_PROPERTIES = List.of("main.verticle", "vertx.verticle");

    /**
     * The arguments for {@code mainClass}.
     *
     * @param userArgs the user's {@code <args>}, maybe empty
     * @throws InvalidParameterException when {@code mainClass} is a known launcher and nothing names its verticle
     */
    static LaunchArgs of(MavenProject project, String mainClass, List<String> userArgs) {
        LaunchArgs exec = execArgs(project, mainClass);
        if (!userArgs.isEmpty()) {
            return new LaunchArgs(
                    List.copyOf(userArgs), exec == null ? "<args>" : "<args>; " + exec.origin() + " not used");
        }
        if (exec != null) {
            return exec;
        }
        Launcher launcher = KNOWN.stream()
                .filter(known -> known.className().equals(mainClass))
                .findFirst()
                .orElse(null);
        if (launcher == null) {
            return new LaunchArgs(List.of(), null);
        }
        String[] verticle = verticle(project);
        if (verticle == null) {
            throw new InvalidParameterException(
                    "args",
                    "it is not set, and the main class " + mainClass + " (" + launcher.name()
                            + ") starts nothing without a verticle: the container would print its usage and exit 0. The pom names"
                            + " none (no Main-Verticle in maven-shade-plugin's or maven-jar-plugin's <manifestEntries>, no main.verticle"
                            + " or vertx.verticle property, no <arguments> in exec-maven-plugin's configuration).",
                    "set <args> to what the launcher takes, e.g. <args><arg>"
                            + String.join("</arg><arg>", launcher.args().apply("com.example.MainVerticle"))
                            + "</arg></args>, or the main.verticle property.");
        }
        return new LaunchArgs(
                launcher.args().apply(verticle[0]), verticle[1] + ", for " + launcher.name() + " " + mainClass);
    }

    /** exec-maven-plugin's arguments when it runs {@code mainClass} and has any, else null. */
    private static LaunchArgs execArgs(MavenProject project, String mainClass) {
        var plugin = project.getPlugin(EXEC_PLUGIN);
        String execMain = PluginConfiguration.value(plugin, List.of(), List.of("mainClass"));
        if (plugin == null || execMain == null || !execMain.trim().equals(mainClass)) {
            return null;
        }
        List<String> arguments = PluginConfiguration.values(plugin, "arguments");
        String origin = "exec-maven-plugin's <arguments>";
        if (arguments == null || arguments.isEmpty()) {
            String line = PluginConfiguration.value(plugin, List.of(), List.of("commandlineArgs"));
            arguments = line == null ? List.of() : split(line);
            origin = "exec-maven-plugin's <commandlineArgs>";
        }
        if (arguments.isEmpty()) {
            return null;
        }
        if (arguments.stream().anyMatch(argument -> argument.contains("${"))) {
            return null; // a property Maven could not resolve: not what the authors run
        }
        return new LaunchArgs(List.copyOf(arguments), origin);
    }

    /** The verticle the pom names and where, or null. */
    private static String[] verticle(MavenProject project) {
        String shade = PluginConfiguration.value(
                project.getPlugin("org.apache.maven.plugins:maven-shade-plugin"),
                List.of(),
                List.of("transformers", "transformer", "manifestEntries", "Main-Verticle"));
        if (shade != null) {
            return new String[] {shade, "maven-shade-plugin's Main-Verticle manifest entry"};
        }
        String jar = PluginConfiguration.value(
                project.getPlugin("org.apache.maven.plugins:maven-jar-plugin"),
                List.of(),
                List.of("archive", "manifestEntries", "Main-Verticle"));
        if (jar != null) {
            return new String[] {jar, "maven-jar-plugin's Main-Verticle manifest entry"};
        }
        for (String property : VERTICLE_PROPERTIES) {
            String value = project.getProperties().getProperty(property);
            if (value != null && !value.isBlank() && !value.contains("${")) {
                return new String[] {value.trim(), "the " + property + " property"};
            }
        }
        return null;
    }

    /** A command line split into words as a shell would: whitespace separates, single and double quotes group. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
