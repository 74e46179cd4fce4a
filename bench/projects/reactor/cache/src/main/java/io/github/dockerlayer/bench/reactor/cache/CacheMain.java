package io.github.dockerlayer.bench.reactor.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import io.github.dockerlayer.bench.reactor.common.Names;
import io.github.dockerlayer.bench.reactor.common.Startup;
import java.time.Duration;
import java.util.List;
import org.apache.commons.collections4.bag.HashBag;

/** A caching greeter: greets each comma-separated name of its argument, counting repeats. */
public final class CacheMain {
    private CacheMain() {}

    public static void main(String[] args) {
        Startup.announce("cache", "as committed");
        Cache<String, String> greetings = Caffeine.newBuilder()
                .maximumSize(1_000)
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
        HashBag<String> seen = new HashBag<>();
        List<String> names = ImmutableList.copyOf(
                Splitter.on(',').trimResults().omitEmptyStrings().split(args.length > 0 ? args[0] : "world"));
        for (String name : names) {
            String normalized = Names.normalize(name);
            seen.add(normalized);
            System.out.println(greetings.get(normalized, n -> "Hello, " + n) + " (" + seen.getCount(normalized) + ")");
        }
    }
}
