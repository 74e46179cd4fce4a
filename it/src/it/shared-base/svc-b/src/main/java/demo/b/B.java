package demo.b;

public class B {
    public static void main(String[] args) {
        System.out.println(org.apache.commons.text.WordUtils.capitalize("service b"));
    }
}
