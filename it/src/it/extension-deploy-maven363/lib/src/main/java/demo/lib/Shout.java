package demo.lib;

/** The library module: no main method. */
public final class Shout {
    private Shout() {}

    public static String shout(String text) {
        return text.toUpperCase(java.util.Locale.ROOT) + "!";
    }
}
