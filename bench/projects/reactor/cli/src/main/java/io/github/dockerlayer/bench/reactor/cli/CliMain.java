package io.github.dockerlayer.bench.reactor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerlayer.bench.reactor.common.Names;
import io.github.dockerlayer.bench.reactor.common.Startup;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.io.FileUtils;
import org.apache.commons.text.WordUtils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A command-line tool: greets a name, or each line of a file, as JSON with a checksum. */
@Command(name = "cli", mixinStandardHelpOptions = true, description = "Greets names as JSON.")
public final class CliMain implements Callable<Integer> {
    @Parameters(arity = "0..1", description = "the name to greet")
    private String name;

    @Option(names = "--file", description = "greet each line of this file instead")
    private File file;

    @Override
    public Integer call() throws Exception {
        Startup.announce("cli", "as committed");
        ObjectMapper json = new ObjectMapper();
        Iterable<String> names = file == null ? java.util.List.of(String.valueOf(name))
                : FileUtils.readLines(file, StandardCharsets.UTF_8);
        for (String each : names) {
            String greeting = WordUtils.wrap("Hello, " + Names.normalize(each), 60);
            Map<String, String> out = new LinkedHashMap<>();
            out.put("greeting", greeting);
            out.put("sha256", DigestUtils.sha256Hex(greeting));
            System.out.println(json.writeValueAsString(out));
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new CliMain()).execute(args));
    }
}
