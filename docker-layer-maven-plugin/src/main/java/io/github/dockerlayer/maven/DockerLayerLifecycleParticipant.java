package io.github.dockerlayer.maven;

import java.util.ArrayList;
import java.util.List;
import javax.inject.Named;
import javax.inject.Singleton;
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
 * <p>Projects of another packaging ({@code pom}, {@code war}, ...), and projects that bind any goal of the plugin
 * themselves, are left as they are. Modules that get the executions but have no main class (libraries in a reactor)
 * are skipped by the goals, as they are when bound by hand.
 *
 * <p>Maven finds this component only in a plugin loaded as a build extension, and only through the Sisu index
 * ({@code META-INF/sisu/javax.inject.Named}, written by sisu-maven-plugin); it calls {@link #afterProjectsRead} once the
 * reactor's models are built, before it computes any build plan.
 */
@Named("docker-layer")
@Singleton
public class DockerLayerLifecycleParticipant extends AbstractMavenLifecycleParticipant {
    static final String GROUP_ID = "io.github.dockerlayer";
    static final String ARTIFACT_ID = "docker-layer-maven-plugin";
    static final String IMAGES_EXECUTION = "docker-layer-images";
    static final String PUSH_EXECUTION = "docker-layer-push";

    private static final Logger LOG = LoggerFactory.getLogger(DockerLayerLifecycleParticipant.class);

    @Override
    public void afterProjectsRead(MavenSession session) {
        List<MavenProject> bound = bind(session.getProjects());
        for (MavenProject project : bound) {
            LOG.debug("docker-layer: added executions {} (package: base, image) and {} (deploy: push) to {}",
                    IMAGES_EXECUTION, PUSH_EXECUTION, project.getId());
        }
        if (!bound.isEmpty()) {
            LOG.info("docker-layer: bound base and image to package and push to deploy in {} (<extensions>true</extensions>,"
                    + " no <executions>): {}", bound.size() == 1 ? "1 project" : bound.size() + " projects",
                    String.join(", ", bound.stream().map(MavenProject::getArtifactId).toList()));
        }
    }

    /** Adds the two executions to each of {@code projects} that should get them; returns those projects. */
    static List<MavenProject> bind(List<MavenProject> projects) {
        List<MavenProject> bound = new ArrayList<>();
        for (MavenProject project : projects) {
            Plugin plugin = unbound(project);
            if (plugin != null) {
                plugin.addExecution(execution(plugin, IMAGES_EXECUTION, "package", List.of("base", "image")));
                plugin.addExecution(execution(plugin, PUSH_EXECUTION, "deploy", List.of("push")));
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
