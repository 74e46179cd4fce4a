package demo;

/** Methods named main, none of them an entry point: not public static void main(String[]). */
public class Library {
    public static int twice(int x) {
        return 2 * x;
    }

    public static void main(String notAnArray) {
        System.out.println(notAnArray);
    }

    public void main(String[] instanceMethod) {
        System.out.println(instanceMethod.length);
    }

    static int main(int notVoid) {
        return notVoid;
    }
}
