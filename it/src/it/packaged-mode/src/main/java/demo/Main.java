package demo;

import org.apache.commons.lang3.StringUtils;

public class Main {
    public static void main(String[] args) {
        // Set by maven-jar-plugin's addDefaultImplementationEntries: null when run from a classes directory.
        String version = Main.class.getPackage().getImplementationVersion();
        System.out.println("version " + version + " " + StringUtils.upperCase(Messages.greeting()));
    }
}
