package io.github.dockerlayer.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The one table of the parameters the command line may set: complete, of the right kinds, applied as before. */
class CommandLineTest {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{docker-layer\\.(\\w+)}");

    @Test
    void theTableListsEveryParameterWithAPropertyAsTheDescriptorTypesIt() throws Exception {
        Map<String, CommandLine.Kind> described = described();
        Map<String, CommandLine.Kind> table = new TreeMap<>();
        CommandLine.PARAMETERS.forEach(parameter -> table.put(parameter.name(), parameter.kind()));
        assertEquals(CommandLine.PARAMETERS.size(), table.size(), "a parameter twice in the table");
        Map<String, CommandLine.Kind> withoutMaps = new TreeMap<>(table);
        withoutMaps.values().removeIf(kind -> kind == CommandLine.Kind.MAP);
        assertEquals(described, withoutMaps);
    }

    @Test
    void theMapParametersAreTheOnesMavenWordingAddsAndMapFieldsInTheDescriptor() throws Exception {
        assertEquals(Set.of("environment", "labels"), CommandLine.mapParameters());
        assertTrue(MavenWording.properties().containsAll(CommandLine.mapParameters()), "MavenWording names them too");
        assertEquals(CommandLine.mapParameters(), mapFields());
    }

    @Test
    void theCommandLineWinsOverThePomAndABlankValueDoesNot() {
        Properties user = new Properties();
        user.setProperty("docker-layer.user", "1000");
        user.setProperty("docker-layer.load", "auto");
        user.setProperty("docker-layer.workingDirectory", " ");
        user.setProperty("docker-layer.skip", " true ");
        user.setProperty("docker-layer.excludeDevtools", "false");
        user.setProperty("docker-layer.cacheDirectory", "cache");
        user.setProperty("docker-layer.overwriteBase", "true"); // another goal's: left alone
        Properties system = new Properties();
        system.setProperty("docker-layer.user", "system-loses");
        system.setProperty("docker-layer.containerizingMode", "packaged");
        Goal goal = new Goal();
        CommandLine.apply(goal, session(user, system));
        assertEquals("1000", goal.user);
        assertEquals("auto", goal.load);
        assertEquals("/app", goal.workingDirectory);
        assertEquals("packaged", goal.containerizingMode);
        assertNull(goal.outputTimestamp);
        assertTrue(goal.skip);
        assertFalse(goal.excludeDevtools);
        assertTrue(goal.allowInsecureRegistries);
        assertEquals(new File("cache"), goal.cacheDirectory);
    }

    @Test
    void nothingOnTheCommandLineLeavesThePom() {
        Goal goal = new Goal();
        CommandLine.apply(goal, session(new Properties(), new Properties()));
        assertEquals("pom-user", goal.user);
        assertNull(goal.cacheDirectory);
        assertFalse(goal.skip);
        assertTrue(goal.excludeDevtools);
        assertNull(CommandLine.value(session(new Properties(), new Properties()), "labels", null));
    }

    /** A goal's parameters as the pom set them. */
    private static class Base {
        boolean skip;
        File cacheDirectory;
        boolean allowInsecureRegistries = true;
    }

    private static final class Goal extends Base {
        String user = "pom-user";
        String workingDirectory = "/app";
        String outputTimestamp;
        String load = "false";
        String containerizingMode;
        boolean excludeDevtools = true;
    }

    static MavenSession session(Properties user, Properties system) {
        DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();
        request.setUserProperties(user);
        request.setSystemProperties(system);
        @SuppressWarnings("deprecation")
        MavenSession session = new MavenSession(null, null, request, new DefaultMavenExecutionResult());
        return session;
    }

    /** Each parameter with a {@code docker-layer.*} property, of every goal, with its kind from its type. */
    private static Map<String, CommandLine.Kind> described() throws Exception {
        Map<String, CommandLine.Kind> found = new TreeMap<>();
        NodeList configurations = descriptor().getElementsByTagName("configuration");
        for (int i = 0; i < configurations.getLength(); i++) {
            for (Node n = configurations.item(i).getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element parameter) {
                    Matcher m = PROPERTY.matcher(parameter.getTextContent());
                    if (m.matches()) {
                        assertEquals(parameter.getTagName(), m.group(1));
                        found.put(m.group(1), kind(parameter.getAttribute("implementation")));
                    }
                }
            }
        }
        assertTrue(found.size() > 20, found.toString());
        return found;
    }

    /** The map parameters of every goal (set in the pom; no expression). */
    private static Set<String> mapFields() throws Exception {
        Set<String> maps = new TreeSet<>();
        NodeList types = descriptor().getElementsByTagName("type");
        for (int i = 0; i < types.getLength(); i++) {
            if (types.item(i).getTextContent().startsWith("java.util.Map")) {
                Element parameter = (Element) types.item(i).getParentNode();
                maps.add(parameter.getElementsByTagName("name").item(0).getTextContent());
            }
        }
        return maps;
    }

    private static CommandLine.Kind kind(String implementation) {
        return switch (implementation) {
            case "java.lang.String" -> CommandLine.Kind.STRING;
            case "boolean" -> CommandLine.Kind.BOOLEAN;
            case "java.io.File" -> CommandLine.Kind.FILE;
            default -> {
                assertTrue(implementation.startsWith("java.util.List"), implementation);
                yield CommandLine.Kind.LIST;
            }
        };
    }

    private static org.w3c.dom.Document descriptor() throws Exception {
        try (InputStream in = CommandLineTest.class
                .getClassLoader()
                .getResourceAsStream(
                        "META-INF/maven/io.github.dockerlayer/docker-layer-maven-plugin/plugin-help.xml")) {
            assertNotNull(in, "the plugin's descriptor");
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }
}
