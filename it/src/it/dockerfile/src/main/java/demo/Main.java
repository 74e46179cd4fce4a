package demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.lang3.StringUtils;

public class Main {
    public static void main(String[] args) throws IOException {
        System.out.println("greeting: " + StringUtils.capitalize(System.getenv("GREETING")));
        System.out.println("flag: " + System.getProperty("it.flag"));
        System.out.println("args: " + String.join("|", args));
        try (InputStream in = Main.class.getResourceAsStream("/message.txt")) {
            System.out.println("resource: " + new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
        System.out.println("working directory: " + System.getProperty("user.dir"));
        Path marker = Path.of("/opt/extra/marker");
        System.out.println("marker: " + (Files.exists(marker) ? Files.readString(marker).trim() : "missing"));
        System.out.println("java: " + System.getProperty("java.specification.version"));
    }
}
