package io.github.dockerlayer.bench.reactor.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.dockerlayer.bench.reactor.common.Names;
import io.github.dockerlayer.bench.reactor.common.Startup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/** An HTTP service: {@code /greet?name=..} and {@code /info}, answering JSON. */
public final class WebMain extends Handler.Abstract {
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final Counter requests;

    private WebMain(SimpleMeterRegistry meters) {
        requests = meters.counter("requests");
    }

    public static void main(String[] args) throws Exception {
        Startup.announce(BuildInfo.NAME, BuildInfo.NOTE);
        Server server = new Server(args.length > 0 ? Integer.parseInt(args[0]) : 8080);
        server.setHandler(new WebMain(new SimpleMeterRegistry()));
        server.start();
        server.join();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        requests.increment();
        Object body = switch (request.getHttpURI().getPath()) {
            case "/greet" -> Map.of("greeting",
                    "Hello, " + Names.normalize(Request.extractQueryParameters(request).getValue("name")),
                    "at", Instant.now());
            case "/info" -> Map.of("name", BuildInfo.NAME, "note", BuildInfo.NOTE, "requests", requests.count());
            default -> Map.of("error", "no such route");
        };
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        Content.Sink.write(response, true, json.writeValueAsString(body), callback);
        return true;
    }
}
