package io.github.dockerlayer.blob;

import io.github.dockerlayer.image.Blob;
import io.github.dockerlayer.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Content-addressed blobs in a directory, as {@code sha256/<hex>}: the {@code blobs/} of an OCI layout, or the shared
 * download cache. Every blob enters through one verified write: into a temporary file beside its place, hashed as it is
 * written, checked against the digest expected, then moved into place in one step. A reader never sees a partial blob
 * under a digest, and two builds writing the same blob at once both succeed (the second move replaces equal bytes).
 */
public final class BlobStore {
    private static final String TEMP_PREFIX = ".tmp-";

    private final Path root;

    /**
     * The outcome of a write.
     *
     * @param digest the digest of the bytes written
     * @param size their length
     */
    public record Written(Digest digest, long size) {}

    /** Something that writes a blob's bytes. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private BlobStore(Path root) {
        this.root = root;
    }

    /** The store in {@code root} (blobs under {@code root/sha256}); the directory is made on the first write. */
    public static BlobStore at(Path root) {
        return new BlobStore(root);
    }

    public Path root() {
        return root;
    }

    /** Where the blob with this digest lives (whether or not it is there). */
    public Path path(Digest digest) {
        return root.resolve(digest.algorithm()).resolve(digest.hex());
    }

    public boolean has(Digest digest) {
        return Files.isRegularFile(path(digest));
    }

    /** The stored blob as a {@link Blob}; it fails when opened if it is not here. */
    public Blob blob(Digest digest) {
        return Blob.ofFile(path(digest));
    }

    public byte[] read(Digest digest) throws IOException {
        return Files.readAllBytes(path(digest));
    }

    /**
     * The one verified write: what {@code writer} writes is stored under its digest. When {@code expected} is not null
     * the digest must be it, else nothing is stored and an IOException names both.
     */
    public Written put(Writer writer, Digest expected) throws IOException {
        Path directory = root.resolve("sha256");
        Files.createDirectories(directory);
        Path temp = AtomicFiles.createTemp(directory, TEMP_PREFIX);
        try {
            MessageDigest sha = Digest.newSha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
                writer.writeTo(out);
            }
            Digest digest = Digest.of(sha);
            if (expected != null && !expected.equals(digest)) {
                throw new IOException("blob should have digest " + expected + " but what was read has " + digest);
            }
            long size = Files.size(temp);
            commit(temp, digest);
            return new Written(digest, size);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Stores bytes. */
    public Written put(byte[] bytes) throws IOException {
        Digest digest = Digest.sha256(bytes);
        if (has(digest)) {
            return new Written(digest, bytes.length);
        }
        return put(out -> out.write(bytes), digest);
    }

    /** Stores what a stream holds, checking it has digest {@code expected}. */
    public Written put(InputStream in, Digest expected) throws IOException {
        return put(in::transferTo, expected);
    }

    /**
     * Stores a local file known to have digest {@code expected}: hard-linked where the file system allows (a JRE layer
     * then takes no second copy of its space), else copied; checked either way.
     */
    public void putFile(Path source, Digest expected) throws IOException {
        if (has(expected)) {
            return;
        }
        Path directory = root.resolve("sha256");
        Files.createDirectories(directory);
        Path temp = AtomicFiles.createTemp(directory, TEMP_PREFIX);
        try {
            Files.delete(temp);
            try {
                Files.createLink(temp, source);
            } catch (IOException | UnsupportedOperationException notLinkable) {
                Files.copy(source, temp);
            }
            MessageDigest sha = Digest.newSha256();
            try (InputStream in = new DigestInputStream(Files.newInputStream(temp), sha)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            Digest actual = Digest.of(sha);
            if (!actual.equals(expected)) {
                throw new IOException("blob " + source + " should have digest " + expected + " but has " + actual);
            }
            commit(temp, expected);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void commit(Path temp, Digest digest) throws IOException {
        Path target = path(digest);
        if (Files.exists(target)) {
            Files.deleteIfExists(temp);
            return;
        }
        AtomicFiles.move(temp, target);
    }

    /** The digests of the blobs here now, temporary files left out. */
    public Set<Digest> digests() throws IOException {
        Set<Digest> digests = new HashSet<>();
        for (Path file : files()) {
            String name = file.getFileName().toString();
            if (!name.startsWith(TEMP_PREFIX)) {
                digests.add(new Digest("sha256", name));
            }
        }
        return digests;
    }

    /** Deletes every blob not in {@code live}, and leftover temporary files. */
    public void retainOnly(Set<Digest> live) throws IOException {
        Set<String> keep = new HashSet<>();
        live.forEach(digest -> keep.add(digest.hex()));
        for (Path file : files()) {
            if (!keep.contains(file.getFileName().toString())) {
                Files.deleteIfExists(file);
            }
        }
    }

    private List<Path> files() throws IOException {
        Path directory = root.resolve("sha256");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
