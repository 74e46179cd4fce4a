package demo.c;

public class C {
    public static void main(String[] args) {
        System.out.println(demo.lib.Shout.of("service c") + " " + new com.google.gson.Gson().toJson(3));
    }
}
