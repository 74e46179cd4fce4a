package demo;

import java.nio.file.Files;
import java.nio.file.Path;

/** Started as a Dropwizard service is: {@code server /opt/app/config.yml}; prints the greeting from the file. */
public class Main {
    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("server")) {
            System.err.println("usage: server CONFIG");
            System.exit(2);
        }
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            if (line.startsWith("greeting:")) {
                System.out.println(line.substring("greeting:".length()).trim());
            }
        }
    }
}
