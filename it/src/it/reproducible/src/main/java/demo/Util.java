package demo;

/** A second class without a main method: the main class is still inferred (exactly one has main). */
final class Util {
    private Util() {}

    static int twice(int x) {
        return 2 * x;
    }
}
