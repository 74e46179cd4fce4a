package demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.lang3.StringUtils;

public class Main {
    public static void main(String[] args) throws IOException {
        Path marker = Path.of("/opt/extra/marker");
        System.out.println(StringUtils.upperCase("first build") + ", marker " + (Files.exists(marker) ? Files.readString(marker).trim() : "missing"));
    }
}
