package demo.sdk;

public class Client {
    public String hello() {
        return "hello";
    }
}
