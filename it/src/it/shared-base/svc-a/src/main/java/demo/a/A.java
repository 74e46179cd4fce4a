package demo.a;

public class A {
    public static void main(String[] args) {
        System.out.println(demo.lib.Shout.of("service a, first build") + " " + new com.google.gson.Gson().toJson(1));
    }
}
