package io.github.dockerlayer.bench.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.lang3.StringUtils;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.WordUtils;

/** Makes greetings and remembers the recent ones. */
public final class GreetingService {
    private final ServiceConfig config;
    private final Metrics metrics;
    private final Clock clock;
    private final Cache<String, Greeting> recent;

    public GreetingService(ServiceConfig config, Metrics metrics) {
        this(config, metrics, Clock.systemUTC());
    }

    GreetingService(ServiceConfig config, Metrics metrics, Clock clock) {
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.recent = Caffeine.newBuilder().maximumSize(config.cacheSize()).build();
    }

    /** The greeting for {@code rawName}, made now or remembered. */
    public Greeting greet(String rawName) {
        String name = Names.normalize(rawName);
        if (Names.isBlocked(name, config.blockedNames())) {
            metrics.refused();
            throw new IllegalArgumentException("not greeting " + StringUtils.abbreviate(name, 40));
        }
        metrics.greeted();
        return recent.get(name, this::make);
    }

    private Greeting make(String name) {
        String message = new StringSubstitutor(Map.of("name", WordUtils.capitalizeFully(name)))
                .replace(config.greeting());
        return new Greeting(name, message, DigestUtils.sha256Hex(message), clock.instant());
    }

    /** How many greetings are remembered. */
    public long remembered() {
        recent.cleanUp();
        return recent.estimatedSize();
    }
}
