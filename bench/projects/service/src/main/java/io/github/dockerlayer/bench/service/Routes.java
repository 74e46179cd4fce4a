package io.github.dockerlayer.bench.service;

import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** {@code /greet?name=..}, {@code /info} and {@code /metrics}, all answering JSON. */
final class Routes extends Handler.Abstract {
    private final GreetingService greetings;
    private final Metrics metrics;

    Routes(GreetingService greetings, Metrics metrics) {
        this.greetings = greetings;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        metrics.request();
        String path = request.getHttpURI().getPath();
        Object body;
        int status = HttpStatus.OK_200;
        switch (path) {
            case "/greet" -> {
                Fields query = Request.extractQueryParameters(request);
                try {
                    body = greetings.greet(query.getValue("name"));
                } catch (IllegalArgumentException refused) {
                    status = HttpStatus.FORBIDDEN_403;
                    body = Map.of("error", refused.getMessage());
                }
            }
            case "/info" -> body = Map.of("name", BuildInfo.NAME, "note", BuildInfo.NOTE,
                    "remembered", greetings.remembered());
            case "/metrics" -> body = metrics.snapshot();
            default -> {
                status = HttpStatus.NOT_FOUND_404;
                body = Map.of("error", "no route " + path);
            }
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        Content.Sink.write(response, true, Json.write(body), callback);
        return true;
    }
}
