package io.github.dockerlayer.layer;

import io.github.dockerlayer.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Which files differ between a layer as an earlier build wrote it (its gzipped tar) and the entries it is built from
 * now: what made a layer move when it was not a class (a resource written anew on every build, such as a build time).
 */
public final class LayerChanges {
    private LayerChanges() {}

    /**
     * The files that changed, were added or were removed, as {@code "changed app/resources/x"}, sorted by path; only
     * regular files count (directories and their times follow from them).
     */
    public static List<String> between(InputStream earlierLayerGzip, List<LayerEntry> now) throws IOException {
        Map<String, Digest> before = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(earlierLayerGzip))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile()) {
                    before.put(strip(entry.getName()), sha256(tar));
                }
            }
        }
        Map<String, Digest> after = new TreeMap<>();
        for (LayerEntry entry : now) {
            if (entry.source() != null) {
                try (InputStream in = Files.newInputStream(entry.source())) {
                    after.put(strip(entry.path()), sha256(in));
                }
            } else {
                after.put(strip(entry.path()), Digest.sha256(entry.content()));
            }
        }
        Map<String, String> changes = new TreeMap<>();
        after.forEach((path, digest) -> {
            if (!before.containsKey(path)) {
                changes.put(path, "added " + path);
            } else if (!before.get(path).equals(digest)) {
                changes.put(path, "changed " + path);
            }
        });
        before.keySet().stream()
                .filter(path -> !after.containsKey(path))
                .forEach(path -> changes.put(path, "removed " + path));
        return new ArrayList<>(changes.values());
    }

    private static String strip(String path) {
        String relative = path.startsWith("./") ? path.substring(2) : path;
        return relative.startsWith("/") ? relative.substring(1) : relative;
    }

    private static Digest sha256(InputStream in) throws IOException {
        MessageDigest digest = Digest.newSha256();
        byte[] buffer = new byte[65536];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return Digest.of(digest);
    }
}
