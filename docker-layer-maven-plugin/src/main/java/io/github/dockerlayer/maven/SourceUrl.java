package io.github.dockerlayer.maven;

import java.nio.file.Path;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;

/** The URL of the project's source, for the image's {@code org.opencontainers.image.source} label. */
final class SourceUrl {
    private SourceUrl() {}

    /**
     * The SCM URL, else the project URL, but only when a pom of this source tree (the project or a parent beside it)
     * declares one: what a parent fetched from a repository passes down (spring-boot-starter-parent's scm, say)
     * names that parent's project, not this one, and must not become the image's source label.
     */
    static String of(MavenSession session, MavenProject project) {
        Path repository = session.getRepositorySession()
                .getLocalRepository()
                .getBasedir()
                .toPath()
                .toAbsolutePath()
                .normalize();
        boolean scmDeclared = false;
        boolean urlDeclared = false;
        for (MavenProject declaring = project;
                declaring != null
                        && declaring.getFile() != null
                        && !declaring
                                .getFile()
                                .toPath()
                                .toAbsolutePath()
                                .normalize()
                                .startsWith(repository);
                declaring = declaring.getParent()) {
            Model model = declaring.getOriginalModel();
            scmDeclared |= model.getScm() != null && model.getScm().getUrl() != null;
            urlDeclared |= model.getUrl() != null;
        }
        if (scmDeclared) {
            return project.getScm().getUrl();
        }
        return urlDeclared ? project.getUrl() : null;
    }
}
