package io.github.dockerlayer.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * How Maven finds the lifecycle participant: the Plexus descriptor, which every Maven from 3.6.3 to 4 reads as XML.
 * Not the Sisu index, which Maven 3.6 to 3.8 read with an ASM too old for Java 17 class files (the class is then
 * dropped silently and the extension binds nothing).
 */
class DockerLayerLifecycleParticipantDescriptorTest {

    @Test
    void thePlexusDescriptorDeclaresTheParticipant() throws Exception {
        Element component = onlyComponent();
        assertEquals(AbstractMavenLifecycleParticipant.class.getName(), text(component, "role"));
        assertEquals("docker-layer", text(component, "role-hint"));
        assertEquals(DockerLayerLifecycleParticipant.class.getName(), text(component, "implementation"));
        Class<?> implementation = Class.forName(text(component, "implementation"));
        assertTrue(AbstractMavenLifecycleParticipant.class.isAssignableFrom(implementation));
        // Plexus makes it with its public no-argument constructor, and injects nothing.
        assertTrue(Modifier.isPublic(implementation.getConstructor().getModifiers()));
    }

    @Test
    void noSisuIndexDeclaresItASecondTime() {
        // Maven 3.9 and 4 read both: a participant in both would be called twice.
        assertFalse(Files.exists(pluginFile("META-INF/sisu/javax.inject.Named")));
        assertFalse(DockerLayerLifecycleParticipant.class.isAnnotationPresent(javax.inject.Named.class));
    }

    private static Element onlyComponent() throws Exception {
        Path descriptor = pluginFile("META-INF/plexus/components.xml");
        assertTrue(Files.isRegularFile(descriptor), descriptor + " is missing");
        try (InputStream in = Files.newInputStream(descriptor)) {
            Document document =
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            NodeList components = document.getElementsByTagName("component");
            assertEquals(1, components.getLength(), "components in META-INF/plexus/components.xml");
            return (Element) components.item(0);
        }
    }

    /** A file beside the plugin's classes (not another jar's on the test class path). */
    private static Path pluginFile(String name) {
        try {
            return Path.of(DockerLayerLifecycleParticipant.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .resolve(name);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName(name);
        assertEquals(1, nodes.getLength(), "<" + name + "> elements");
        return nodes.item(0).getTextContent().trim();
    }
}
