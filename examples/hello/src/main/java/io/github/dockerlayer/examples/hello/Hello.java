package io.github.dockerlayer.examples.hello;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.lang3.StringUtils;

/**
 * Prints one line made from a dependency (commons-lang3, in the base image) and a resource and a class (in the
 * app image's thin layers).
 */
public final class Hello {
    private Hello() {}

    public static void main(String[] args) throws IOException {
        System.out.println("Hello from a thin layer: " + StringUtils.capitalize(greeting()));
    }

    /** The first line of greeting.txt, read from the classpath. */
    static String greeting() throws IOException {
        try (InputStream in = Hello.class.getResourceAsStream("/greeting.txt")) {
            if (in == null) {
                throw new IOException("greeting.txt is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
