package io.github.dockerlayer.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.image.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {
    @TempDir
    Path temp;

    private static final byte[] BYTES = "hello blob".getBytes(StandardCharsets.UTF_8);

    @Test
    void putStoresUnderTheDigestOfWhatWasWritten() throws IOException {
        BlobStore store = BlobStore.at(temp.resolve("blobs"));
        BlobStore.Written written = store.put(BYTES);
        assertEquals(Digest.sha256(BYTES), written.digest());
        assertEquals(BYTES.length, written.size());
        assertEquals(temp.resolve("blobs/sha256/" + written.digest().hex()), store.path(written.digest()));
        assertArrayEquals(BYTES, store.read(written.digest()));
        assertArrayEquals(BYTES, store.blob(written.digest()).open().readAllBytes());
        assertEquals(Set.of(written.digest()), store.digests());
    }

    @Test
    void aWrongExpectedDigestStoresNothingAndNamesBoth() throws IOException {
        BlobStore store = BlobStore.at(temp.resolve("blobs"));
        Digest wrong = Digest.sha256(new byte[] {1});
        IOException e = assertThrows(IOException.class, () -> store.put(new ByteArrayInputStream(BYTES), wrong));
        assertTrue(
                e.getMessage().contains(wrong.toString())
                        && e.getMessage().contains(Digest.sha256(BYTES).toString()),
                e.getMessage());
        assertFalse(store.has(wrong));
        assertFalse(store.has(Digest.sha256(BYTES)));
        assertEquals(List.of(), listing(temp.resolve("blobs/sha256")), "no temporary file is left behind");
    }

    @Test
    void aWriterThatFailsLeavesNothing() throws IOException {
        BlobStore store = BlobStore.at(temp.resolve("blobs"));
        assertThrows(
                IOException.class,
                () -> store.put(
                        out -> {
                            out.write(BYTES);
                            throw new IOException("connection reset");
                        },
                        null));
        assertEquals(List.of(), listing(temp.resolve("blobs/sha256")));
    }

    @Test
    void putFileLinksOrCopiesAndChecks() throws IOException {
        BlobStore store = BlobStore.at(temp.resolve("blobs"));
        Path source = Files.write(temp.resolve("source"), BYTES);
        store.putFile(source, Digest.sha256(BYTES));
        assertArrayEquals(BYTES, store.read(Digest.sha256(BYTES)));
        Path other = Files.write(temp.resolve("other"), new byte[] {9});
        Digest claimed = Digest.sha256(new byte[] {8});
        assertThrows(IOException.class, () -> store.putFile(other, claimed));
        assertFalse(store.has(claimed));
    }

    @Test
    void twoWritersOfTheSameBlobAtOnceBothSucceed() throws Exception {
        BlobStore store = BlobStore.at(temp.resolve("blobs"));
        byte[] big = new byte[1 << 20];
        new java.util.Random(7).nextBytes(big);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<BlobStore.Written>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> store.put(new ByteArrayInputStream(big), Digest.sha256(big))));
            }
            for (Future<BlobStore.Written> future : futures) {
                assertEquals(Digest.sha256(big), future.get().digest());
            }
        } finally {
            pool.shutdown();
        }
        assertArrayEquals(big, store.read(Digest.sha256(big)));
        assertEquals(1, listing(temp.resolve("blobs/sha256")).size());
    }

    @Test
    void retainOnlyDeletesTheRestAndTemporaryFiles() throws IOException {
        BlobStore store = BlobStore.at(temp.resolve("blobs"));
        Digest keep = store.put(BYTES).digest();
        Digest drop = store.put(new byte[] {1, 2}).digest();
        Files.writeString(temp.resolve("blobs/sha256/.tmp-123.tmp"), "half");
        store.retainOnly(Set.of(keep));
        assertTrue(store.has(keep));
        assertFalse(store.has(drop));
        assertEquals(List.of(keep.hex()), listing(temp.resolve("blobs/sha256")));
    }

    private static List<String> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
