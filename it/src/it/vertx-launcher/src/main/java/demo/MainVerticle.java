package demo;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.ext.web.Router;

/** The starter's verticle: says it started, serves GET /hello on 8888. */
public class MainVerticle extends AbstractVerticle {
    @Override
    public void start(Promise<Void> started) {
        System.out.println("MainVerticle started by the launcher");
        Router router = Router.router(vertx);
        router.get("/hello").handler(context -> context.response().end("Hello from the verticle"));
        vertx.createHttpServer().requestHandler(router).listen(8888).onSuccess(server -> {
            System.out.println("HTTP server listening on port " + server.actualPort());
            started.complete();
        }).onFailure(started::fail);
    }
}
