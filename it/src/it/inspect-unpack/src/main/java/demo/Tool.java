package demo;

/** A second class with a main method: the IT names the main class explicitly. */
public class Tool {
    public static void main(String[] args) {
        System.out.println("tool");
    }
}
