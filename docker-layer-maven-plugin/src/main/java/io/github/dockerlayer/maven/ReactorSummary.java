package io.github.dockerlayer.maven;

import io.github.dockerlayer.report.BuildSummary;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.execution.AbstractExecutionListener;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.ExecutionListener;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * The one summary at the end of a multi-module build ({@link BuildSummary}), printed just before Maven's own reactor
 * summary. The first goal that reports in a build wraps the session's execution listener (Maven reads it anew for each
 * event) in one that prints the summary when the session ends, with or without the plugin as an extension. A build of
 * one module gets no summary: its goals' layer tables say it all.
 *
 * <p>The same hook fails a multi-module build in which the image goals ran and skipped every module (each for a
 * reason it logged: a library, a {@code mainClass} it does not hold): such a build made no image, and a green build
 * that ships nothing is the worst outcome. (A build of one module fails at once instead.)
 */
final class ReactorSummary {
    private static final String KEY = ReactorSummary.class.getName();
    private static final String PRODUCED = "produced";

    private ReactorSummary() {}

    /** The build's summary, created (and hooked to the session's end) on first use; null for a one-module build. */
    static BuildSummary of(MavenSession session, Log log) {
        if (session.getProjects().size() < 2 || session.getRequest() == null) {
            return null;
        }
        hookOnce(session, log);
        return summary(session);
    }

    /** The image goals made an image of {@code module} in this build. */
    static void produced(MavenSession session, String module, Log log) {
        outcomes(session).put(module, PRODUCED);
        hookOnce(session, log);
    }

    /** The image goals skipped {@code module} in this build, for {@code reason}. */
    static void skipped(MavenSession session, String module, String reason, Log log) {
        outcomes(session).putIfAbsent(module, reason);
        hookOnce(session, log);
    }

    /**
     * The failure of a build whose image goals skipped every module they ran in, or null: what each module said, and
     * what to do.
     */
    static String nothingProduced(Map<String, String> outcomes) {
        if (outcomes.isEmpty() || outcomes.containsValue(PRODUCED)) {
            return null;
        }
        StringBuilder message = new StringBuilder("The docker-layer image goals ran in ")
                .append(outcomes.size())
                .append(outcomes.size() == 1 ? " module" : " modules")
                .append(" of this build and made no image:");
        new TreeMap<>(outcomes)
                .forEach((module, reason) ->
                        message.append("\n  ").append(module).append(": ").append(reason));
        return message.append(
                        "\nFix the setting that made every module skip (e.g. a mistyped <mainClass>), or build the"
                                + " modules that hold the application (-pl).")
                .toString();
    }

    private static BuildSummary summary(MavenSession session) {
        @SuppressWarnings("unchecked")
        var state =
                (Map<String, java.util.List<String>>) SessionData.ofBuild(session, "summary", BuildSummary::newState);
        return new BuildSummary(
                session.getProjects().stream().map(p -> p.getArtifactId()).toList(), state);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> outcomes(MavenSession session) {
        return (Map<String, String>) SessionData.ofBuild(session, "image-outcomes", ConcurrentHashMap::new);
    }

    /** Hooks the session's end once for the build, also when a second class realm of the plugin reports. */
    private static void hookOnce(MavenSession session, Log log) {
        if (session.getProjects().size() < 2 || session.getRequest() == null) {
            return;
        }
        if (session.getRepositorySession().getData().set(KEY, null, Boolean.TRUE)) {
            hook(session.getRequest(), summary(session), outcomes(session), log);
        }
    }

    /**
     * Wraps the request's listener so that {@code sessionEnded} prints the summary first, and, when the image goals
     * made nothing, adds the failure to the build's result before Maven's logger reads it (so Maven prints BUILD
     * FAILURE and exits non-zero).
     */
    private static void hook(
            MavenExecutionRequest request, BuildSummary summary, Map<String, String> outcomes, Log log) {
        synchronized (request) {
            ExecutionListener delegate = request.getExecutionListener() != null
                    ? request.getExecutionListener()
                    : new AbstractExecutionListener() {};
            InvocationHandler handler = (proxy, method, args) -> {
                if ("sessionEnded".equals(method.getName())) {
                    if (!summary.isEmpty()) {
                        log.info("------------------------------------------------------------------------");
                        summary.lines().forEach(log::info);
                    }
                    String failure = nothingProduced(outcomes);
                    MavenSession ended = args[0] instanceof ExecutionEvent event ? event.getSession() : null;
                    if (failure != null && ended != null && !ended.getResult().hasExceptions()) {
                        failure.lines().forEach(log::error);
                        ended.getResult().addException(new MojoFailureException(failure));
                    }
                }
                try {
                    return method.invoke(delegate, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            request.setExecutionListener((ExecutionListener) Proxy.newProxyInstance(
                    ReactorSummary.class.getClassLoader(), new Class<?>[] {ExecutionListener.class}, handler));
        }
    }
}
