package io.github.dockerlayer.bench.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.io.FileUtils;

/**
 * The service's settings, read from YAML.
 *
 * @param port port to listen on
 * @param greeting the greeting's template, with {@code ${name}} for the name
 * @param blockedNames names the service refuses to greet
 * @param cacheSize how many greetings to remember
 */
public record ServiceConfig(int port, String greeting, List<String> blockedNames, long cacheSize) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public ServiceConfig {
        blockedNames = blockedNames == null ? List.of() : List.copyOf(blockedNames);
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** The configuration bundled as {@code application.yml}. */
    public static ServiceConfig bundled() {
        try (InputStream in = ServiceConfig.class.getResourceAsStream("/application.yml")) {
            if (in == null) {
                throw new IllegalStateException("application.yml is not on the classpath");
            }
            return YAML.readValue(in, ServiceConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration in {@code file}. */
    public static ServiceConfig load(Path file) throws IOException {
        return YAML.readValue(FileUtils.readFileToString(file.toFile(), "UTF-8"), ServiceConfig.class);
    }
}
