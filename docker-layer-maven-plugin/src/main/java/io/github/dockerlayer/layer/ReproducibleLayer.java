package io.github.dockerlayer.layer;

import io.github.dockerlayer.blob.BlobStore;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.image.MediaType;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Writes a layer whose bytes depend only on its entries' paths and contents, never on the machine, the JDK, the
 * files' owners, modes, mtimes or the order a directory lists them:
 * <ul>
 *   <li>entries sorted by path (UTF-8 byte order), every parent directory written explicitly before its children;</li>
 *   <li>uid and gid 0, empty user and group names, mode 0755 for directories and 0644 for files (or the entry's own
 *       mode when one was given, as an extra directory's permission does);</li>
 *   <li>every mtime the given instant, whole seconds; POSIX (PAX) headers only for names over 100 bytes, and those
 *       headers carry the same fixed fields;</li>
 *   <li>gzip at level 6 with a fixed header: no file name, mtime 0, OS byte 255 (unknown).</li>
 * </ul>
 */
public final class ReproducibleLayer {
    private static final int DIRECTORY_MODE = 040755;
    private static final int REGULAR_FILE = 0100000;

    private ReproducibleLayer() {}

    /** Writes the layer into {@code store} and returns it, its bytes read from there. */
    public static Layer write(List<LayerEntry> entries, Instant mtime, BlobStore store) throws IOException {
        return compress(out -> writeTar(entries, mtime, out), store);
    }

    /**
     * The layer's diffId alone: the sha256 of its uncompressed tar, without compressing or storing anything. Cheap
     * enough to learn the base's config (so its version) before deciding whether the layers must be built at all.
     */
    public static Digest diffId(List<LayerEntry> entries, Instant mtime) throws IOException {
        MessageDigest uncompressed = Digest.newSha256();
        try (OutputStream out = new BufferedOutputStream(
                new DigestOutputStream(OutputStream.nullOutputStream(), uncompressed), 1 << 16)) {
            writeTar(entries, mtime, out);
        }
        return Digest.of(uncompressed);
    }

    /** Something that writes an uncompressed tar. */
    @FunctionalInterface
    public interface TarWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Gzips the tar that {@code tar} writes into a new blob of {@code store}, with the fixed gzip header, and returns
     * the layer with both digests.
     */
    public static Layer compress(TarWriter tar, BlobStore store) throws IOException {
        MessageDigest uncompressed = Digest.newSha256();
        BlobStore.Written written = store.put(
                file -> {
                    try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(
                                    new BufferedOutputStream(file, 1 << 16), gzipParameters());
                            DigestOutputStream tarOut =
                                    new DigestOutputStream(new BufferedOutputStream(gzip, 1 << 16), uncompressed)) {
                        tar.writeTo(tarOut);
                    }
                },
                null);
        return new Layer(
                new Descriptor(MediaType.OCI_LAYER_GZIP, written.digest(), written.size()),
                Digest.of(uncompressed),
                store.blob(written.digest()));
    }

    /** The uncompressed tar of the entries, as the layer holds it. */
    static void writeTar(List<LayerEntry> entries, Instant mtime, OutputStream out) throws IOException {
        FileTime time = FileTime.from(mtime.getEpochSecond(), java.util.concurrent.TimeUnit.SECONDS);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        for (var item : sorted(entries).entrySet()) {
            String name = item.getKey();
            LayerEntry entry = item.getValue();
            TarArchiveEntry header = new TarArchiveEntry(name, true);
            header.setModTime(time);
            header.setUserId(0);
            header.setGroupId(0);
            header.setUserName("");
            header.setGroupName("");
            if (entry == null) {
                header.setMode(DIRECTORY_MODE);
                tar.putArchiveEntry(header);
            } else {
                header.setMode(REGULAR_FILE | entry.mode());
                header.setSize(entry.source() != null ? Files.size(entry.source()) : entry.content().length);
                tar.putArchiveEntry(header);
                try (InputStream in = entry.source() != null
                        ? Files.newInputStream(entry.source())
                        : new ByteArrayInputStream(entry.content())) {
                    long copied;
                    try {
                        copied = in.transferTo(tar);
                    } catch (IOException e) {
                        throw new IOException(
                                "cannot add " + (entry.source() != null ? entry.source() : entry.path())
                                        + " to the layer (did it change while the layer was written?): "
                                        + e.getMessage(),
                                e);
                    }
                    if (copied != header.getSize()) {
                        throw new IOException(entry.source() + " changed size while the layer was written");
                    }
                }
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
    }

    /**
     * Tar names (relative, directories ending in '/') mapped to their entry, null for a directory; sorted by UTF-8
     * bytes, which puts every directory before what it holds.
     */
    static TreeMap<String, LayerEntry> sorted(List<LayerEntry> entries) {
        TreeMap<String, LayerEntry> names = new TreeMap<>(ReproducibleLayer::compareUtf8);
        for (LayerEntry entry : entries) {
            String relative = entry.path().substring(1);
            if (names.containsKey(relative)) {
                throw new IllegalArgumentException("two entries for " + entry.path());
            }
            if (names.containsKey(relative + "/")) {
                throw new IllegalArgumentException(
                        entry.path() + " is a file entry where another entry needs a directory");
            }
            names.put(relative, entry);
            for (int slash = relative.indexOf('/'); slash > 0; slash = relative.indexOf('/', slash + 1)) {
                String directory = relative.substring(0, slash + 1);
                if (names.containsKey(relative.substring(0, slash))) {
                    throw new IllegalArgumentException(entry.path() + " is inside a file entry");
                }
                names.putIfAbsent(directory, null);
            }
        }
        return names;
    }

    private static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static GzipParameters gzipParameters() {
        GzipParameters parameters = new GzipParameters();
        parameters.setCompressionLevel(6);
        parameters.setModificationTime(0);
        parameters.setOperatingSystem(255);
        return parameters;
    }
}
