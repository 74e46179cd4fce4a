package demo;

import io.vertx.core.AbstractVerticle;

/** A verticle the pom does not name. */
public class MainVerticle extends AbstractVerticle {
    @Override
    public void start() {
        System.out.println("MainVerticle started");
    }
}
