package demo;

/** The class the IT changes between its two builds. */
public final class Messages {
    private Messages() {}

    public static String greeting() {
        return "hello from the first build";
    }
}
