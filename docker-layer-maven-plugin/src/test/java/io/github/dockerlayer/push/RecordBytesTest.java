package io.github.dockerlayer.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dockerlayer.image.Blob;
import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Images;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.layer.LayerRole;
import io.github.dockerlayer.record.BuildRecords;
import io.github.dockerlayer.record.BuildReport;
import io.github.dockerlayer.record.BuiltImage;
import io.github.dockerlayer.record.BuiltLayer;
import io.github.dockerlayer.record.ImageKind;
import io.github.dockerlayer.record.LayerStatus;
import io.github.dockerlayer.record.LoadRecord;
import io.github.dockerlayer.registry.PushStatus;
import io.github.dockerlayer.registry.RegistryImageSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden bytes of base.json and image.json as the base, image (with load) and push goals leave them: the files users
 * and the integration tests read stay byte for byte the same.
 */
class RecordBytesTest {
    @TempDir
    Path temp;

    static Digest digest(String text) {
        return Digest.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static Layer layer(String name, long size, String repository) {
        Descriptor descriptor = new Descriptor(MediaType.OCI_LAYER_GZIP, digest(name), size);
        Blob blob = Blob.missing(descriptor.digest(), "test");
        return new Layer(
                descriptor, digest(name + " tar"), repository == null ? blob : Blob.withRepository(blob, repository));
    }

    static BuiltImage built(String reference, List<String> tags, List<BuiltLayer> layers) {
        Image image = Images.scratch();
        for (BuiltLayer layer : layers) {
            image = Images.appendLayer(
                    image, layer.layer(), Instant.EPOCH, layer.role().label());
        }
        Descriptor manifest = new Descriptor(MediaType.OCI_MANIFEST, digest(reference + " manifest"), 500);
        return new BuiltImage(ImageReference.parse(reference), tags, image, manifest, layers);
    }

    static final BuiltImage BASE = built(
            "127.0.0.1:5000/team/app-base:c54511178400",
            List.of("c54511178400"),
            List.of(
                    new BuiltLayer(
                            LayerRole.FROM, layer("jre", 50_000_000, "127.0.0.1:5000/base/jre"), LayerStatus.REMOTE),
                    new BuiltLayer(LayerRole.DEPENDENCIES, layer("deps", 3_000_000, null), LayerStatus.NEW)));
    static final BuiltImage APP = built(
            "127.0.0.1:5000/team/app:1.0",
            List.of("1.0", "latest"),
            List.of(
                    BASE.layers().get(0),
                    BASE.layers().get(1),
                    new BuiltLayer(LayerRole.CLASSES, layer("classes", 4_000, null), LayerStatus.NEW)));

    static RegistryImageSink.Pushed pushed(BuiltImage built, PushStatus status, long bytes) {
        Map<Digest, RegistryImageSink.BlobPush> blobs = new LinkedHashMap<>();
        for (BuiltLayer layer : built.layers()) {
            blobs.put(
                    layer.layer().digest(),
                    new RegistryImageSink.BlobPush(layer.layer().digest(), status, bytes));
        }
        Digest config = built.image().configDescriptor().digest();
        blobs.put(config, new RegistryImageSink.BlobPush(config, status, bytes));
        return new RegistryImageSink.Pushed(built.manifest().digest(), blobs, status);
    }

    static final String BASE_JSON = """
            {
              "image" : "127.0.0.1:5000/team/app-base:c54511178400",
              "tags" : [ "c54511178400" ],
              "digest" : "sha256:2fcd4b3fb0c1c1ac5ce18b1e11d0fa3ea03e2c3ea29e0d0ba1b2b2f0c1e3f1a5",
              "imageId" : "CONFIG",
              "from" : {
                "image" : "127.0.0.1:5000/base/jre:17",
                "digest" : null
              },
              "layers" : [ {
                "role" : "from",
                "digest" : "JRE",
                "diffId" : "JRE_TAR",
                "size" : 50000000,
                "repository" : "127.0.0.1:5000/base/jre"
              }, {
                "role" : "dependencies",
                "digest" : "DEPS",
                "diffId" : "DEPS_TAR",
                "size" : 3000000
              } ],
              "dependencies" : [ "com.example:lib:1.0", "org.example:core:2.0:jdk11" ]
            }""";

    private String golden(String text, BuiltImage built) {
        return text.replace("CONFIG", built.image().configDescriptor().digest().toString())
                .replace(
                        "sha256:2fcd4b3fb0c1c1ac5ce18b1e11d0fa3ea03e2c3ea29e0d0ba1b2b2f0c1e3f1a5",
                        built.manifest().digest().toString())
                .replace("JRE_TAR", digest("jre tar").toString())
                .replace("DEPS_TAR", digest("deps tar").toString())
                .replace("CLASSES_TAR", digest("classes tar").toString())
                .replace("JRE", digest("jre").toString())
                .replace("DEPS", digest("deps").toString())
                .replace("CLASSES", digest("classes").toString());
    }

    @Test
    void baseJsonAsTheBaseGoalWritesIt() throws IOException {
        Path file = temp.resolve("base.json");
        BuildReport.write(
                file,
                BASE,
                "from",
                "127.0.0.1:5000/base/jre:17",
                null,
                List.of("com.example:lib:1.0", "org.example:core:2.0:jdk11"));
        assertEquals(golden(BASE_JSON, BASE), Files.readString(file));
    }

    private static String golden(String name) throws IOException {
        try (var in = RecordBytesTest.class.getResourceAsStream("/io/github/dockerlayer/record/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** What the push goal does to a record: reads it, completes it, writes it. */
    private static void write(Path file, ImageReference reference, RegistryImageSink.Pushed pushed) throws IOException {
        ImageKind kind = file.getFileName().toString().equals("base.json") ? ImageKind.BASE : ImageKind.APP;
        BuildRecords.write(file, PushReport.pushed(BuildRecords.read(file, kind), reference, pushed));
    }

    /** base.json and image.json as the base goal, the image goal with load, then the push goal leave them. */
    @Test
    void recordsAsTheImageLoadAndPushGoalsLeaveThem() throws IOException {
        Path base = temp.resolve("base.json");
        Path app = temp.resolve("image.json");
        BuildReport.write(base, BASE, "from", "127.0.0.1:5000/base/jre:17", null, List.of("com.example:lib:1.0"));
        BuildReport.write(
                app,
                APP,
                "base",
                BASE.reference().toString(),
                BASE.manifest().digest().toString());
        BuildReport.writeLoad(
                app,
                new LoadRecord(
                        "Docker Engine 26.1.5 (API 1.45, containerd image store)",
                        "unix:///run/docker.sock",
                        "containerd",
                        true,
                        4096,
                        53004000,
                        List.of("127.0.0.1:5000/team/app-base:c54511178400", "127.0.0.1:5000/team/app:1.0"),
                        APP.manifest().digest(),
                        "refused",
                        false,
                        1234));
        assertEquals(golden("image-loaded.json"), Files.readString(app));
        write(base, BASE.reference(), pushed(BASE, PushStatus.PRESENT, 0));
        write(app, ImageReference.parse("127.0.0.1:5000/team/app"), pushed(APP, PushStatus.UPLOADED, 100));
        assertEquals(golden("base-pushed.json"), Files.readString(base));
        assertEquals(golden("image-pushed.json"), Files.readString(app));
    }
}
