package demo;

public class Pom {
    public static void main(String[] args) {
        System.out.println("Pom");
    }
}
