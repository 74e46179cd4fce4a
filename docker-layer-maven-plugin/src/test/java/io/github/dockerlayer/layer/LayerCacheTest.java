package io.github.dockerlayer.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.layout.OciLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerCacheTest {
    private static final Instant MTIME = Instant.ofEpochSecond(1);

    @TempDir
    Path temp;

    @Test
    void theDiffIdAloneEqualsTheBuiltLayersAndStoresNoBlob() throws IOException {
        OciLayout layout = OciLayout.openOrCreate(temp.resolve("oci"));
        LayerCache cache = new LayerCache(temp.resolve("cache"), layout.store());
        Path jar = temp.resolve("lib.jar");
        Files.writeString(jar, "some jar bytes");
        List<LayerEntry> entries =
                List.of(LayerEntry.file("/app/libs/lib.jar", jar), LayerEntry.bytes("/app/x.txt", new byte[] {1}));

        var diffId = cache.diffId(entries, MTIME);
        assertTrue(layout.blobDigests().isEmpty(), "hashing the tar stores nothing");
        assertEquals(null, cache.cached(entries, MTIME), "no layer was built");
        assertEquals(diffId, cache.diffId(entries, MTIME), "remembered");
        LayerCache.Result built = cache.layer(entries, MTIME, () -> {});
        assertEquals(built.layer().diffId(), diffId);
        assertEquals(built.layer(), cache.cached(entries, MTIME));
        assertNotEquals(diffId, cache.diffId(entries, Instant.ofEpochSecond(2)), "the mtime is in the tar");
    }

    @Test
    void unchangedFilesAreReusedWithoutBuildingAndRewrittenOnesAreNot() throws IOException {
        OciLayout layout = OciLayout.openOrCreate(temp.resolve("oci"));
        LayerCache cache = new LayerCache(temp.resolve("cache"), layout.store());
        Path jar = temp.resolve("lib.jar");
        Files.writeString(jar, "AAAA");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_000_000L));
        List<LayerEntry> entries = List.of(LayerEntry.file("/app/libs/lib.jar", jar));
        AtomicInteger builds = new AtomicInteger();

        LayerCache.Result first = cache.layer(entries, MTIME, builds::incrementAndGet);
        assertFalse(first.reused());
        LayerCache.Result again = cache.layer(entries, MTIME, builds::incrementAndGet);
        assertTrue(again.reused());
        assertEquals(first.layer(), again.layer());
        assertEquals(1, builds.get(), "a hit must not build");

        // Same size and mtime but other bytes (cp -p, rsync -t): the inode change time still tells. The kernel
        // stamps ctime at its clock tick (a few ms), so wait past one before rewriting.
        sleepPastAClockTick();
        Files.writeString(jar, "BBBB");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_000_000L));
        LayerCache.Result rewritten = cache.layer(entries, MTIME, builds::incrementAndGet);
        assertFalse(rewritten.reused());
        assertNotEquals(first.layer().digest(), rewritten.layer().digest());

        // A new mtime (a new download, a rebuilt snapshot) is a new layer.
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_001_000L));
        assertFalse(cache.layer(entries, MTIME, builds::incrementAndGet).reused());
        assertEquals(3, builds.get());
    }

    private static void sleepPastAClockTick() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anEntryAnotherPluginVersionWroteIsNotTrusted() throws IOException {
        assertTrue(
                LayerCache.WRITER.matches("docker-layer layer cache v1, plugin \\d+\\.\\d+\\.\\d+.*"),
                LayerCache.WRITER);
        OciLayout layout = OciLayout.openOrCreate(temp.resolve("oci"));
        LayerCache cache = new LayerCache(temp.resolve("cache"), layout.store());
        List<LayerEntry> entries = List.of(LayerEntry.bytes("/app/x", new byte[] {1}));
        LayerCache.Result first = cache.layer(entries, MTIME, () -> {});
        assertTrue(cache.layer(entries, MTIME, () -> {}).reused());
        try (var files = Files.list(temp.resolve("cache"))) {
            for (Path entry : files.toList()) {
                Files.writeString(
                        entry,
                        Files.readString(entry)
                                .replace(LayerCache.WRITER, "docker-layer layer cache v1, plugin 0.0.1"));
            }
        }
        LayerCache.Result afterUpgrade = cache.layer(entries, MTIME, () -> {});
        assertFalse(afterUpgrade.reused(), "an entry of another plugin version was reused");
        assertEquals(first.layer(), afterUpgrade.layer());
        assertTrue(cache.layer(entries, MTIME, () -> {}).reused(), "the rebuilt entry is trusted again");
    }

    @Test
    void aCachedLayerWhoseBlobIsGoneIsBuiltAgain() throws IOException {
        OciLayout layout = OciLayout.openOrCreate(temp.resolve("oci"));
        LayerCache cache = new LayerCache(temp.resolve("cache"), layout.store());
        List<LayerEntry> entries = List.of(LayerEntry.bytes("/app/x", new byte[] {1}));
        LayerCache.Result first = cache.layer(entries, MTIME, () -> {});
        Files.delete(layout.blobPath(first.layer().digest()));
        LayerCache.Result second = cache.layer(entries, MTIME, () -> {});
        assertFalse(second.reused());
        assertEquals(first.layer(), second.layer());
        assertTrue(layout.hasBlob(second.layer().digest()));
    }

    @Test
    void keyDependsOnPathsContentAndMtime() throws IOException {
        List<LayerEntry> a = List.of(LayerEntry.bytes("/app/x", new byte[] {1}));
        assertEquals(
                LayerCache.key(a, MTIME), LayerCache.key(List.of(LayerEntry.bytes("/app/x", new byte[] {1})), MTIME));
        assertNotEquals(
                LayerCache.key(a, MTIME), LayerCache.key(List.of(LayerEntry.bytes("/app/y", new byte[] {1})), MTIME));
        assertNotEquals(
                LayerCache.key(a, MTIME), LayerCache.key(List.of(LayerEntry.bytes("/app/x", new byte[] {2})), MTIME));
        assertNotEquals(LayerCache.key(a, MTIME), LayerCache.key(a, MTIME.plusSeconds(1)));
    }

    @Test
    void aCorruptCacheEntryIsIgnored() throws IOException {
        OciLayout layout = OciLayout.openOrCreate(temp.resolve("oci"));
        LayerCache cache = new LayerCache(temp.resolve("cache"), layout.store());
        List<LayerEntry> entries = List.of(LayerEntry.bytes("/app/x", new byte[] {1}));
        Files.createDirectories(temp.resolve("cache"));
        Files.writeString(temp.resolve("cache").resolve(LayerCache.key(entries, MTIME) + ".json"), "{not json");
        LayerCache.Result result = cache.layer(entries, MTIME, () -> {});
        assertFalse(result.reused());
        assertTrue(cache.layer(entries, MTIME, () -> {}).reused());
    }
}
