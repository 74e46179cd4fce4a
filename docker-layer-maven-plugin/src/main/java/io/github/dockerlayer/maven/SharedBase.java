package io.github.dockerlayer.maven;

import io.github.dockerlayer.layer.DependencyFile;
import io.github.dockerlayer.log.BuildLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.DefaultDependencyResolutionRequest;
import org.apache.maven.project.DependencyResolutionException;
import org.apache.maven.project.DependencyResolutionResult;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.graph.DependencyFilter;

/**
 * One base for the services of a reactor that name the same {@code base} repository: it holds the union of their
 * release and snapshot dependencies (each service's as {@link ImageDependencies} selects them), so that a node running them all pulls the JRE and the dependencies once.
 * Each service's classpath names only its own jars; the reactor modules a service depends on go into its own app
 * image (they change with the repository's commits, and another service may build the base before they are built).
 * Computed once per build and base (the first module to ask resolves every service's dependencies; the others wait
 * for that result), so it is the same for every service, also under {@code mvn -T}.
 */
final class SharedBase {
    static final String PLUGIN_KEY = "io.github.dockerlayer:docker-layer-maven-plugin";
    /** What is resolved; each service's {@link DependencyRule} then takes its own (provided only for Spring Boot). */
    private static final Set<String> RESOLVED_SCOPES = Set.of("compile", "runtime", "system", "provided");

    private SharedBase() {}

    /**
     * The shared base's dependencies for {@code project}, whose base repository is {@code base}; null when no other
     * service of this build names the same base (then the base is the project's own).
     *
     * @param baseOf the base repository a module names (its configuration, or the command line), null when it names none
     */
    static List<DependencyFile> of(
            MavenSession session,
            MavenProject project,
            String base,
            java.util.function.Function<MavenProject, String> baseOf,
            ProjectDependenciesResolver resolver,
            RuleFactory rules,
            BuildLog log)
            throws IOException {
        if (base == null || base.isBlank()) {
            return null;
        }
        List<MavenProject> services = services(session, base, baseOf);
        if (services.size() < 2 || !services.contains(project)) {
            return null;
        }
        CompletableFuture<List<DependencyFile>> mine = new CompletableFuture<>();
        @SuppressWarnings("unchecked")
        CompletableFuture<List<DependencyFile>> shared =
                SessionData.ofThisRealm(session, CompletableFuture.class, "shared-base:" + base, () -> mine);
        if (shared == mine) {
            try {
                mine.complete(union(session, services, base, resolver, rules, log));
            } catch (IOException | RuntimeException e) {
                mine.completeExceptionally(e);
            }
        }
        try {
            return shared.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof IOException io
                    ? io
                    : new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * The base repository each module names: {@code cli}, the command line's {@code base}, for every module, else the
     * module's configuration; null when it names none.
     */
    static java.util.function.Function<MavenProject, String> baseOf(String cli) {
        return module -> {
            String configured = cli != null
                    ? cli
                    : PluginConfiguration.value(module.getPlugin(PLUGIN_KEY), List.of(), List.of("base"));
            return configured == null ? null : configured.trim();
        };
    }

    /** What makes a module's {@link DependencyRule} (a Spring Boot service's differs from a plain one's). */
    @FunctionalInterface
    interface RuleFactory {
        DependencyRule of(MavenProject module);
    }

    /**
     * Every module of the reactor, also those {@code -pl} left out of this build: a shared base is the same whichever
     * modules a build selects, so {@code mvn -pl one-service deploy} puts that service on the base the others use.
     */
    private static List<MavenProject> reactor(MavenSession session) {
        List<MavenProject> all = session.getAllProjects();
        return all != null && !all.isEmpty() ? all : session.getProjects();
    }

    /**
     * The session's repository view, with the poms of the reactor's modules that {@code -pl} left out of this build
     * (Maven's own reactor view holds the selected ones only): without them, a left-out library module's pom is looked
     * for in the repositories, not found, and its dependencies are missing from the services that use it.
     */
    private static org.eclipse.aether.RepositorySystemSession withAllModules(MavenSession session) {
        org.eclipse.aether.RepositorySystemSession original = session.getRepositorySession();
        List<MavenProject> all = reactor(session);
        if (all.size() == session.getProjects().size()) {
            return original;
        }
        org.eclipse.aether.repository.WorkspaceReader selected = original.getWorkspaceReader();
        org.eclipse.aether.repository.WorkspaceReader reader = new org.eclipse.aether.repository.WorkspaceReader() {
            @Override
            public org.eclipse.aether.repository.WorkspaceRepository getRepository() {
                return selected != null
                        ? selected.getRepository()
                        : new org.eclipse.aether.repository.WorkspaceRepository("reactor");
            }

            @Override
            public java.io.File findArtifact(Artifact artifact) {
                java.io.File found = selected != null ? selected.findArtifact(artifact) : null;
                if (found == null && "pom".equals(artifact.getExtension())) {
                    found = module(artifact).map(MavenProject::getFile).orElse(null);
                }
                return found;
            }

            @Override
            public List<String> findVersions(Artifact artifact) {
                List<String> found = selected != null ? selected.findVersions(artifact) : List.of();
                return !found.isEmpty()
                        ? found
                        : module(artifact).map(m -> List.of(m.getVersion())).orElse(List.of());
            }

            private java.util.Optional<MavenProject> module(Artifact artifact) {
                return all.stream()
                        .filter(m -> m.getGroupId().equals(artifact.getGroupId())
                                && m.getArtifactId().equals(artifact.getArtifactId())
                                && m.getVersion().equals(artifact.getBaseVersion()))
                        .findFirst();
            }
        };
        return new org.eclipse.aether.DefaultRepositorySystemSession(original).setWorkspaceReader(reader);
    }

    /** The jar modules of the reactor that name {@code base} and are no other module's library, in reactor order. */
    private static List<MavenProject> services(
            MavenSession session, String base, java.util.function.Function<MavenProject, String> baseOf) {
        Set<String> libraries = new TreeSet<>();
        for (MavenProject module : reactor(session)) {
            for (Dependency dependency : module.getDependencies()) {
                libraries.add(dependency.getGroupId() + ":" + dependency.getArtifactId());
            }
        }
        List<MavenProject> services = new ArrayList<>();
        for (MavenProject module : reactor(session)) {
            Plugin plugin = module.getPlugin(PLUGIN_KEY);
            if (plugin != null
                    && "jar".equals(module.getPackaging())
                    && base.equals(baseOf.apply(module))
                    && !libraries.contains(module.getGroupId() + ":" + module.getArtifactId())) {
                services.add(module);
            }
        }
        return services;
    }

    private static List<DependencyFile> union(
            MavenSession session,
            List<MavenProject> services,
            String base,
            ProjectDependenciesResolver resolver,
            RuleFactory rules,
            BuildLog log)
            throws IOException {
        Set<String> reactor = new TreeSet<>();
        reactor(session).forEach(module -> reactor.add(module.getGroupId() + ":" + module.getArtifactId()));
        // Reactor modules are not resolved (they may not be built yet); their own dependencies are.
        DependencyFilter filter = (node, parents) -> node.getDependency() == null
                || RESOLVED_SCOPES.contains(node.getDependency().getScope())
                        && !reactor.contains(node.getArtifact().getGroupId() + ":"
                                + node.getArtifact().getArtifactId());
        Map<String, DependencyFile> union = new TreeMap<>();
        Map<String, Map<String, List<String>>> versions = new TreeMap<>(); // g:a[:c] -> version -> services
        org.eclipse.aether.RepositorySystemSession repositories = withAllModules(session);
        for (MavenProject service : services) {
            DefaultDependencyResolutionRequest request = new DefaultDependencyResolutionRequest(service, repositories);
            request.setResolutionFilter(filter);
            DependencyResolutionResult result;
            try {
                result = resolver.resolve(request);
            } catch (DependencyResolutionException e) {
                throw new IOException(
                        "cannot resolve the runtime dependencies of " + service.getArtifactId() + ", which shares the"
                                + " base " + base + ": " + e.getMessage(),
                        e);
            }
            DependencyRule rule = rules.of(service);
            for (org.eclipse.aether.graph.Dependency dependency : result.getDependencies()) {
                Artifact artifact = dependency.getArtifact();
                if (artifact.getFile() == null
                        || reactor.contains(artifact.getGroupId() + ":" + artifact.getArtifactId())
                        || !ImageDependencies.decide(
                                        ImageDependencies.artifact(dependency),
                                        dependency.getScope(),
                                        dependency.isOptional(),
                                        rule)
                                .in()) {
                    continue;
                }
                String classifier = artifact.getClassifier().isEmpty() ? null : artifact.getClassifier();
                DependencyFile file = new DependencyFile(
                        artifact.getGroupId(),
                        artifact.getArtifactId(),
                        artifact.getBaseVersion(),
                        classifier,
                        artifact.getExtension(),
                        artifact.getFile().toPath(),
                        artifact.isSnapshot() ? DependencyFile.Kind.SNAPSHOT : DependencyFile.Kind.RELEASE);
                String ga = artifact.getGroupId() + ":" + artifact.getArtifactId()
                        + (classifier == null ? "" : ":" + classifier);
                union.putIfAbsent(ga + ":" + artifact.getBaseVersion(), file);
                versions.computeIfAbsent(ga, k -> new TreeMap<>())
                        .computeIfAbsent(artifact.getBaseVersion(), k -> new ArrayList<>())
                        .add(service.getArtifactId());
            }
        }
        versions.forEach((ga, byVersion) -> {
            if (byVersion.size() > 1) {
                List<String> uses = new ArrayList<>();
                byVersion.forEach((version, users) -> uses.add(version + " (" + String.join(", ", users) + ")"));
                log.warn("Shared base " + base + ": " + ga + " comes in " + String.join(" and ", uses)
                        + "; both jars are in the" + " base, and each service's classpath names its own.");
            }
        });
        List<DependencyFile> all = new ArrayList<>(union.values());
        all.sort(Comparator.comparing(DependencyFile::groupId)
                .thenComparing(DependencyFile::artifactId)
                .thenComparing(DependencyFile::version));
        List<String> names = services.stream().map(MavenProject::getArtifactId).toList();
        log.info("Shared base " + base + ": " + names.size() + " services (" + String.join(", ", names)
                + ") stand on one base" + " of " + all.size() + " jars.");
        return List.copyOf(all);
    }
}
