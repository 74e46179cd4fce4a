package demo.b;

public class B {
    public static void main(String[] args) {
        System.out.println("service b " + org.apache.commons.lang3.StringUtils.upperCase("ok"));
    }
}
