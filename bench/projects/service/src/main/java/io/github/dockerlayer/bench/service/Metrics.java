package io.github.dockerlayer.bench.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/** The service's counters. */
public final class Metrics {
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final Counter greeted = registry.counter("greetings", "outcome", "greeted");
    private final Counter refused = registry.counter("greetings", "outcome", "refused");
    private final Counter requests = registry.counter("http.requests");

    void greeted() {
        greeted.increment();
    }

    void refused() {
        refused.increment();
    }

    void request() {
        requests.increment();
    }

    /** The counters by name, for {@code /metrics}. */
    public Map<String, Double> snapshot() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("greeted", greeted.count());
        values.put("refused", refused.count());
        values.put("requests", requests.count());
        return values;
    }
}
