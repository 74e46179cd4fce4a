package demo.a;

public class A {
    public static void main(String[] args) {
        System.out.println("service a " + new com.google.gson.Gson().toJson(1));
    }
}
