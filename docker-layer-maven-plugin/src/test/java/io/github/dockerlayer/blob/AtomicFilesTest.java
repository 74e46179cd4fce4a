package io.github.dockerlayer.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.layout.OciLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path temp;

    @Test
    void writtenFilesAreReadableByOthersAndNoTemporaryFileStays() throws IOException {
        Path target = temp.resolve("out/image.json");
        AtomicFiles.write(target, new byte[] {1, 2});
        AtomicFiles.write(target, new byte[] {3});
        assertArrayEquals(new byte[] {3}, Files.readAllBytes(target));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void layoutBlobsAndIndexAreReadableByOthers() throws IOException {
        OciLayout layout = OciLayout.openOrCreate(temp.resolve("oci"));
        Descriptor blob = layout.writeBlob("{}".getBytes(), MediaType.OCI_CONFIG);
        for (Path file : List.of(
                layout.blobPath(blob.digest()), temp.resolve("oci/index.json"), temp.resolve("oci/oci-layout"))) {
            assertEquals(
                    "rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
        }
    }
}
