package io.github.dockerlayer.registry.credentials;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads a stream to its end on a daemon thread, so that neither pipe fills up and blocks the helper. */
final class StreamCollector extends Thread {
    private final InputStream in;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    StreamCollector(InputStream in) {
        super("credential-helper-output");
        setDaemon(true);
        this.in = in;
    }

    @Override
    public void run() {
        byte[] chunk = new byte[8192];
        try (in) {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                synchronized (buffer) {
                    buffer.write(chunk, 0, n);
                }
            }
        } catch (IOException ignored) {
            // the process was killed, or closed its end
        }
    }

    byte[] bytes() {
        synchronized (buffer) {
            return buffer.toByteArray();
        }
    }

    String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }
}
