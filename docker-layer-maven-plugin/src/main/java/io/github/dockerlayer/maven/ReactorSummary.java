package io.github.dockerlayer.maven;

import io.github.dockerlayer.assemble.BuildSummary;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.apache.maven.execution.AbstractExecutionListener;
import org.apache.maven.execution.ExecutionListener;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.logging.Log;

/**
 * The one summary at the end of a multi-module build ({@link BuildSummary}), printed just before Maven's own reactor
 * summary. The first goal that reports in a build wraps the session's execution listener (Maven reads it anew for each
 * event) in one that prints the summary when the session ends, with or without the plugin as an extension. A build of
 * one module gets no summary: its goals' layer tables say it all.
 */
final class ReactorSummary {
    private static final String KEY = ReactorSummary.class.getName();

    private ReactorSummary() {}

    /** The build's summary, created (and hooked to the session's end) on first use; null for a one-module build. */
    static BuildSummary of(MavenSession session, Log log) {
        if (session.getProjects().size() < 2 || session.getRequest() == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        var state = (java.util.Map<String, java.util.List<String>>) SessionData.ofBuild(session, "summary", BuildSummary::newState);
        BuildSummary summary = new BuildSummary(session.getProjects().stream().map(p -> p.getArtifactId()).toList(), state);
        // One hook for the build, also when a second class realm of the plugin reports into the same state.
        if (session.getRepositorySession().getData().set(KEY, null, Boolean.TRUE)) {
            hook(session.getRequest(), summary, log);
        }
        return summary;
    }

    /** Wraps the request's listener so that {@code sessionEnded} prints the summary first. */
    private static void hook(MavenExecutionRequest request, BuildSummary summary, Log log) {
        synchronized (request) {
            ExecutionListener delegate = request.getExecutionListener() != null ? request.getExecutionListener()
                    : new AbstractExecutionListener() {};
            InvocationHandler handler = (proxy, method, args) -> {
                if ("sessionEnded".equals(method.getName()) && !summary.isEmpty()) {
                    log.info("------------------------------------------------------------------------");
                    summary.lines().forEach(log::info);
                }
                try {
                    return method.invoke(delegate, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            request.setExecutionListener((ExecutionListener) Proxy.newProxyInstance(ReactorSummary.class.getClassLoader(),
                    new Class<?>[] {ExecutionListener.class}, handler));
        }
    }
}
