package io.github.dockerlayer.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the goals by itself when the plugin is declared with {@code <extensions>true</extensions>}: each project with
 * packaging {@code jar} that declares the plugin so, with no {@code <executions>} of it, gets {@code base} and
 * {@code image} at {@code package} and {@code push} at {@code deploy}, as if its pom said so. {@code mvn deploy} then
 * publishes the jar and the images, {@code mvn install} builds the images without pushing.
 *
 * <p>The push runs first in the {@code deploy} phase, before maven-deploy-plugin (and any other goal bound there): its
 * execution has priority {@link #PUSH_PRIORITY}, below the -1 Maven gives the packaging's own {@code deploy:deploy}
 * (Maven 3 and 4 order a phase's executions by that priority), so a failed push stops the module before its jar is
 * deployed. With maven-deploy-plugin's {@code deployAtEnd} the jars of the whole reactor are deployed by the last
 * module's {@code deploy:deploy}, after every module's push; without it, a module's jar is deployed when that module is
 * built, before the modules after it push: in a reactor, {@code mvn deploy} says so in a warning.
 *
 * <p>Projects of another packaging ({@code pom}, {@code war}, ...), and projects that bind any goal of the plugin
 * themselves, are left as they are. Modules that get the executions but have no main class (libraries in a reactor)
 * are skipped by the goals, as they are when bound by hand.
 *
 * <p>Maven finds this component only in a plugin loaded as a build extension, through the Plexus descriptor
 * {@code META-INF/plexus/components.xml} (role {@link AbstractMavenLifecycleParticipant}, hint {@code docker-layer}), and
 * calls {@link #afterProjectsRead} once the reactor's models are built, before it computes any build plan. Not through
 * the Sisu index ({@code @Named}): Maven 3.6 to 3.8 (Sisu 0.3.x) read an indexed class with an ASM that cannot parse
 * Java 17 class files and drop it without a word, so the extension would bind nothing there.
 */
public class DockerLayerLifecycleParticipant extends AbstractMavenLifecycleParticipant {
    static final String GROUP_ID = "io.github.dockerlayer";
    static final String ARTIFACT_ID = "docker-layer-maven-plugin";
    static final String IMAGES_EXECUTION = "docker-layer-images";
    static final String PUSH_EXECUTION = "docker-layer-push";
    /**
     * The push's place in the {@code deploy} phase: before {@code deploy:deploy}, which the packaging binds with
     * priority -1, and before executions a pom binds there (priority 0).
     */
    static final int PUSH_PRIORITY = -1000;

    static final String DEPLOY_PLUGIN = "org.apache.maven.plugins:maven-deploy-plugin";

    private static final Logger LOG = LoggerFactory.getLogger(DockerLayerLifecycleParticipant.class);

    @Override
    public void afterProjectsRead(MavenSession session) {
        List<MavenProject> bound = bind(session.getProjects());
        for (MavenProject project : bound) {
            LOG.debug(
                    "docker-layer: added executions {} (package: base, image) and {} (deploy, before deploy:deploy: push) to {}",
                    IMAGES_EXECUTION,
                    PUSH_EXECUTION,
                    project.getId());
        }
        if (!bound.isEmpty()) {
            LOG.info(
                    "docker-layer: bound base and image to package and push to deploy in {} (<extensions>true</extensions>,"
                            + " no <executions>): {}",
                    bound.size() == 1 ? "1 project" : bound.size() + " projects",
                    String.join(
                            ", ",
                            bound.stream().map(MavenProject::getArtifactId).toList()));
            String warning = deployOrderWarning(
                    session.getProjects(),
                    session.getGoals(),
                    session.getUserProperties(),
                    session.getSystemProperties());
            if (warning != null) {
                LOG.warn(warning);
            }
        }
    }

    /**
     * The warning for a {@code deploy} of a reactor whose jars are deployed module by module (no {@code deployAtEnd}):
     * a push that fails in a later module then leaves the jars of the modules before it published. Null when the
     * build does not deploy, builds one project, or deploys at the end.
     */
    static String deployOrderWarning(
            List<MavenProject> projects, List<String> goals, Properties user, Properties system) {
        if (projects.size() < 2 || goals == null || !goals.contains("deploy")) {
            return null;
        }
        String property = user.getProperty("deployAtEnd", system.getProperty("deployAtEnd"));
        if (property != null) {
            return Boolean.parseBoolean(property.trim()) ? null : warning("-DdeployAtEnd=" + property.trim());
        }
        List<String> moduleByModule = projects.stream()
                .filter(project -> !deploysAtEnd(project))
                .map(MavenProject::getArtifactId)
                .toList();
        return moduleByModule.isEmpty()
                ? null
                : warning("maven-deploy-plugin without <deployAtEnd>true</deployAtEnd> in "
                        + String.join(", ", moduleByModule));
    }

    private static String warning(String why) {
        return "docker-layer: mvn deploy of this reactor deploys each module's jar as soon as that module is built ("
                + why
                + "): each module pushes its images before its own jar is deployed, but a push that fails in a later"
                + " module leaves the jars of the modules before it published. Set <deployAtEnd>true</deployAtEnd> in"
                + " maven-deploy-plugin's configuration (or -DdeployAtEnd=true) so that every image is pushed before any"
                + " jar is deployed.";
    }

    /** Whether the project's maven-deploy-plugin says {@code deployAtEnd} true, for the plugin or its default execution. */
    static boolean deploysAtEnd(MavenProject project) {
        if (project.getBuildPlugins() == null) {
            return false;
        }
        for (Plugin plugin : project.getBuildPlugins()) {
            if (DEPLOY_PLUGIN.equals(plugin.getKey())) {
                if (atEnd(plugin.getConfiguration())) {
                    return true;
                }
                return plugin.getExecutions().stream()
                        .anyMatch(execution ->
                                "default-deploy".equals(execution.getId()) && atEnd(execution.getConfiguration()));
            }
        }
        return false;
    }

    private static boolean atEnd(Object configuration) {
        if (configuration instanceof Xpp3Dom dom && dom.getChild("deployAtEnd") != null) {
            String value = dom.getChild("deployAtEnd").getValue();
            return value != null && Boolean.parseBoolean(value.trim());
        }
        return false;
    }

    /** Adds the two executions to each of {@code projects} that should get them; returns those projects. */
    static List<MavenProject> bind(List<MavenProject> projects) {
        List<MavenProject> bound = new ArrayList<>();
        for (MavenProject project : projects) {
            Plugin plugin = unbound(project);
            if (plugin != null) {
                plugin.addExecution(execution(plugin, IMAGES_EXECUTION, "package", List.of("base", "image")));
                PluginExecution push = execution(plugin, PUSH_EXECUTION, "deploy", List.of("push"));
                push.setPriority(PUSH_PRIORITY);
                plugin.addExecution(push);
                bound.add(project);
            }
        }
        return bound;
    }

    /**
     * The project's declaration of this plugin when it should get the executions (packaging jar, declared in
     * {@code <build><plugins>} with {@code <extensions>true</extensions>}, no executions of its own), else null.
     */
    static Plugin unbound(MavenProject project) {
        if (!"jar".equals(project.getPackaging()) || project.getBuildPlugins() == null) {
            return null;
        }
        for (Plugin plugin : project.getBuildPlugins()) {
            if (GROUP_ID.equals(plugin.getGroupId()) && ARTIFACT_ID.equals(plugin.getArtifactId())) {
                return plugin.isExtensions() && plugin.getExecutions().isEmpty() ? plugin : null;
            }
        }
        return null;
    }

    private static PluginExecution execution(Plugin plugin, String id, String phase, List<String> goals) {
        PluginExecution execution = new PluginExecution();
        execution.setId(id);
        execution.setPhase(phase);
        goals.forEach(execution::addGoal);
        // Maven gives an execution the plugin-level <configuration> while it builds the model, before this runs, and
        // then reads only the execution's: copy it, as Maven would have.
        if (plugin.getConfiguration() instanceof Xpp3Dom configuration) {
            execution.setConfiguration(new Xpp3Dom(configuration));
        }
        return execution;
    }
}
