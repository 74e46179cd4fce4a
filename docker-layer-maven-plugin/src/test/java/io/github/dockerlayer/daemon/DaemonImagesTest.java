package io.github.dockerlayer.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.image.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonImagesTest {
    @TempDir
    Path cache;

    private int saves;

    private final DockerDaemon daemon = new DockerDaemon() {
        private final Digest id = Digest.sha256(new byte[] {1});

        @Override
        public DaemonEndpoint endpoint() {
            return new DaemonEndpoint(URI.create("unix:///fake.sock"), null, "test");
        }

        @Override
        public Info info() {
            return new Info("Docker Engine", "1", "1.41", Store.CLASSIC, "id");
        }

        @Override
        public Optional<InspectedImage> inspect(String name) {
            return name.equals("jre:1")
                    ? Optional.of(new InspectedImage(id, List.of(), List.of(name)))
                    : Optional.empty();
        }

        @Override
        public List<String> load(InputStream archive) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String build(
                java.nio.file.Path context,
                String target,
                List<String> tags,
                List<String> cacheFrom,
                java.util.function.Consumer<String> progress) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String push(
                String reference, String username, String secret, java.util.function.Consumer<String> progress) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InputStream save(String name) {
            saves++;
            return new ByteArrayInputStream(new byte[] {4, 2});
        }

        @Override
        public void close() {}
    };

    @Test
    void anImageIsSavedOncePerImageId() throws IOException {
        Path first = DaemonImages.saved(daemon, "jre:1", cache).orElseThrow();
        Path second = DaemonImages.saved(daemon, "jre:1", cache).orElseThrow();
        assertEquals(first, second);
        assertEquals(1, saves);
        assertEquals(
                cache.resolve("daemon").resolve(Digest.sha256(new byte[] {1}).hex() + ".tar"), first);
        assertArrayEquals(new byte[] {4, 2}, Files.readAllBytes(first));
        try (var files = Files.list(cache.resolve("daemon"))) {
            assertEquals(1, files.count(), "no partial file left");
        }
    }

    @Test
    void aMissingImageIsEmpty() throws IOException {
        assertTrue(DaemonImages.saved(daemon, "gone:1", cache).isEmpty());
        assertEquals(0, saves);
    }
}
