package io.github.dockerlayer.maven;

import io.github.dockerlayer.assemble.Parameters;
import java.io.File;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * The command line wins over the pom: a {@code -Ddocker-layer.NAME=value} (or one in {@code MAVEN_OPTS}) overrides the
 * pom's setting of every parameter, so that CI can set the image, tags or from without editing the pom. Maven already
 * does so for the list parameters; for the single-valued ones, where Maven would let the pom win, {@link #apply} does
 * it, and the map parameters read their property through {@code mapProperty}. {@link #PARAMETERS} is the one table of
 * them: a new parameter is one entry.
 */
final class CommandLine {
    private static final String PREFIX = "docker-layer.";

    /** How a parameter's property becomes its value. */
    enum Kind {
        /** Taken as it is. */
        STRING,
        /** {@code true} or anything else (false), trimmed. */
        BOOLEAN,
        /** A path, relative to the project directory where the parameter is used. */
        FILE,
        /** Comma-separated; Maven itself lets the property win, so {@link #apply} leaves it. */
        LIST,
        /** {@code KEY=VALUE,KEY2=VALUE2}, read by {@code mapProperty} (Maven cannot make a map of a property). */
        MAP
    }

    /**
     * One parameter the command line may set.
     *
     * @param name the parameter's name, the field's and the property's ({@code docker-layer.NAME})
     * @param kind how its property becomes its value
     */
    record Parameter(String name, Kind kind) {}

    /** Every parameter of every goal that a {@code docker-layer.*} property may set. */
    static final List<Parameter> PARAMETERS = List.of(
            // every goal
            new Parameter("skip", Kind.BOOLEAN),
            new Parameter("cacheDirectory", Kind.FILE),
            new Parameter("allowInsecureRegistries", Kind.BOOLEAN),
            // base, image, dockerfile
            new Parameter("from", Kind.STRING),
            new Parameter("base", Kind.STRING),
            new Parameter("baseVersion", Kind.STRING),
            new Parameter("image", Kind.STRING),
            new Parameter("tags", Kind.LIST),
            new Parameter("mainClass", Kind.STRING),
            new Parameter("platform", Kind.STRING),
            new Parameter("excludeDevtools", Kind.BOOLEAN),
            new Parameter("excludeDockerCompose", Kind.BOOLEAN),
            // image, dockerfile
            new Parameter("jvmFlags", Kind.LIST),
            new Parameter("args", Kind.LIST),
            new Parameter("environment", Kind.MAP),
            new Parameter("ports", Kind.LIST),
            new Parameter("labels", Kind.MAP),
            new Parameter("user", Kind.STRING),
            new Parameter("workingDirectory", Kind.STRING),
            new Parameter("outputTimestamp", Kind.STRING),
            new Parameter("load", Kind.STRING),
            new Parameter("containerizingMode", Kind.STRING),
            // dockerfile
            new Parameter("baseInstructions", Kind.LIST),
            new Parameter("dockerfileFrom", Kind.STRING),
            // push
            new Parameter("overwriteBase", Kind.BOOLEAN),
            new Parameter("pushFrom", Kind.STRING),
            // diff
            new Parameter("diffAgainst", Kind.STRING),
            new Parameter("failOnBaseChange", Kind.BOOLEAN));

    private CommandLine() {}

    /** @return the names of the map parameters, whose {@code docker-layer.*} property {@code mapProperty} reads */
    static Set<String> mapParameters() {
        return PARAMETERS.stream()
                .filter(parameter -> parameter.kind() == Kind.MAP)
                .map(Parameter::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * {@code -Ddocker-layer.NAME=value} from the command line (or {@code MAVEN_OPTS}), else {@code configured}. A blank
     * value counts as not given: {@code -Ddocker-layer.from=$JRE} with {@code $JRE} unset must not wipe the pom's
     * setting.
     */
    static String value(MavenSession session, String name, String configured) {
        String value = session.getUserProperties().getProperty(PREFIX + name);
        if (value == null) {
            value = session.getSystemProperties().getProperty(PREFIX + name);
        }
        return value == null || value.isBlank() ? configured : value;
    }

    /**
     * The property form of a map parameter, {@code docker-layer.NAME}: as {@link #value} reads it, else from the pom's
     * {@code <properties>} (Maven cannot turn a property into a map by itself); null if none.
     */
    static String mapValue(MavenSession session, MavenProject project, String name) {
        return value(session, name, project.getProperties().getProperty(PREFIX + name));
    }

    /**
     * A list parameter of another goal, for a goal that does not have it: the command line's (comma-separated), else
     * the pom's plugin configuration; empty when neither sets it.
     */
    static List<String> listOfAnotherGoal(MavenSession session, MavenProject project, String name) {
        String cli = value(session, name, null);
        if (cli != null) {
            return Parameters.list(List.of(cli.split(",")));
        }
        List<String> configured = PluginConfiguration.values(project.getPlugin(SharedBase.PLUGIN_KEY), name);
        return configured == null ? List.of() : configured;
    }

    /**
     * Sets each single-valued parameter of {@code mojo} (a field of that name in its class or a superclass) that the
     * command line gives; the parameters of other goals are left alone.
     */
    static void apply(Object mojo, MavenSession session) {
        for (Parameter parameter : PARAMETERS) {
            if (parameter.kind() == Kind.LIST || parameter.kind() == Kind.MAP) {
                continue;
            }
            Field field = field(mojo.getClass(), parameter.name());
            if (field == null) {
                continue;
            }
            try {
                Object configured = field.get(mojo);
                switch (parameter.kind()) {
                    case STRING -> field.set(mojo, value(session, parameter.name(), (String) configured));
                    case BOOLEAN ->
                        field.setBoolean(
                                mojo,
                                Boolean.parseBoolean(value(session, parameter.name(), configured.toString())
                                        .trim()));
                    case FILE -> {
                        String path = value(session, parameter.name(), null);
                        if (path != null) {
                            field.set(mojo, new File(path));
                        }
                    }
                    default -> throw new IllegalStateException(parameter.toString());
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot set <" + parameter.name() + ">", e);
            }
        }
    }

    /** The field {@code name} of {@code type} or a superclass, made accessible; null when the goal has none. */
    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // not declared here: look in the superclass
            }
        }
        return null;
    }
}
