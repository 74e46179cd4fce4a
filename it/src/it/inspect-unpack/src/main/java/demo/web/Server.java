package demo.web;

import org.apache.commons.lang3.StringUtils;

public class Server {
    public static void main(String[] args) {
        System.out.println(StringUtils.join(args, ' '));
    }
}
