package demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.lang3.StringUtils;

public class Main {
    public static void main(String[] args) throws IOException {
        System.out.println("greeting: Hello, " + StringUtils.capitalize(System.getenv("GREETING_TARGET")) + "!");
        System.out.println("flag: " + System.getProperty("it.flag"));
        System.out.println("args: " + String.join("|", args));
        try (InputStream in = Main.class.getResourceAsStream("/message.txt")) {
            System.out.println("resource: " + new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
        // A resource whose name is not ASCII: found in /app/resources only under a UTF-8 locale.
        try (InputStream in = Main.class.getResourceAsStream("/gr\u00fc\u00dfe/caf\u00e9.txt")) {
            System.out.println("non-ascii resource: " + (in == null ? "missing" : "found"));
        }
        System.out.println("java: " + System.getProperty("java.specification.version"));
    }
}
