package io.github.dockerlayer.bench.service;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts the HTTP service. */
@Command(name = "service", mixinStandardHelpOptions = true, description = "A small greeting service.")
public final class Main implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Option(names = "--port", description = "port to listen on (default: from the configuration)")
    private Integer port;

    @Option(names = "--config", description = "a YAML configuration file (default: the bundled application.yml)")
    private Path config;

    @Option(names = "--once", description = "print one greeting as JSON and exit, without starting the server")
    private String once;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ServiceConfig settings = config == null ? ServiceConfig.bundled() : ServiceConfig.load(config);
        Metrics metrics = new Metrics();
        GreetingService greetings = new GreetingService(settings, metrics);
        if (once != null) {
            System.out.println(Json.write(greetings.greet(once)));
            return 0;
        }
        int listen = port != null ? port : settings.port();
        Server server = new Server(listen);
        server.setHandler(new Routes(greetings, metrics));
        server.start();
        LOG.info("{} ({}) listening on port {}", BuildInfo.NAME, BuildInfo.NOTE, listen);
        server.join();
        return 0;
    }
}
