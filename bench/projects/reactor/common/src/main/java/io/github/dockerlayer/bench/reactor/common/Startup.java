package io.github.dockerlayer.bench.reactor.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one log line each service writes when it starts. */
public final class Startup {
    private static final Logger LOG = LoggerFactory.getLogger(Startup.class);

    private Startup() {}

    public static void announce(String service, String note) {
        LOG.info("{} starting ({}), Java {}", service, note, Runtime.version());
    }
}
