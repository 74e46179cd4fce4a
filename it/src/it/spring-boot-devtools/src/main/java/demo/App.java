package demo;

public class App {
    public static void main(String[] args) {
        System.out.println("devtools on the classpath: " + (App.class.getClassLoader().getResource("META-INF/spring-devtools.properties") != null));
    }
}
