package demo;

public class Cli {
    public static void main(String[] args) {
        System.out.println("Cli");
    }
}
