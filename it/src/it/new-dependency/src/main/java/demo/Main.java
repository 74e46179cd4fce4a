package demo;

import it.setup.snapshot.Banner;
import org.apache.commons.lang3.StringUtils;

public class Main {
    public static void main(String[] args) {
        System.out.println(StringUtils.reverse(Banner.text()));
    }
}
