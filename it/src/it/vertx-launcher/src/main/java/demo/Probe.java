package demo;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Run with docker exec in the app's container (the JRE has no curl): GET /hello, print status and body. */
public class Probe {
    public static void main(String[] args) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:8888/hello").toURL().openConnection();
        System.out.println(connection.getResponseCode() + " "
                + new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
