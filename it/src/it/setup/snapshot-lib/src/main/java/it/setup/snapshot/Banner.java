package it.setup.snapshot;

/** A class of the snapshot library. */
public final class Banner {
    private Banner() {}

    public static String text() {
        return "snapshot-lib 1.0-SNAPSHOT";
    }
}
