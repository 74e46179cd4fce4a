package demo.app;

import demo.lib.Shout;

public class App {
    public static void main(String[] args) {
        System.out.println(Shout.shout("hello from the first build"));
    }
}
