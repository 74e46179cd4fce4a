package io.github.dockerlayer.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.diff.LayerComparison.Entry;
import io.github.dockerlayer.diff.LayerComparison.Side;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.image.Platform;
import io.github.dockerlayer.layout.OciLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * This build's side of the diff: all the diff reads of {@code image.json}, {@code base.json} and the layout under
 * {@code target/docker-layer}, checked once to describe one build.
 *
 * @param side the app image as the comparison takes it
 * @param platform the platform the app was built for (its config's)
 */
record BuiltSide(Side side, Platform platform) {
    /** Whether there is something to compare: the image goal wrote image.json and base.json. */
    static boolean built(Path outputDirectory) {
        return Files.isRegularFile(outputDirectory.resolve("image.json"))
                && Files.isRegularFile(outputDirectory.resolve("base.json"));
    }

    /**
     * Reads the app image the records describe, checked against each other and against its manifest in the layout.
     *
     * @throws IOException when they do not describe one build (the goals ran apart, or the layout changed since)
     */
    static BuiltSide read(Path outputDirectory) throws IOException {
        ObjectNode appJson = Json.parseObject(Files.readAllBytes(outputDirectory.resolve("image.json")), "image.json");
        ObjectNode baseJson = Json.parseObject(Files.readAllBytes(outputDirectory.resolve("base.json")), "base.json");
        String baseDigest = appJson.path("base").path("digest").asText();
        if (!baseDigest.equals(baseJson.path("digest").asText())) {
            throw stale("image.json names base " + baseDigest + " but base.json describes "
                    + baseJson.path("digest").asText());
        }
        OciLayout layout = OciLayout.open(outputDirectory.resolve("oci"));
        String name = appJson.path("image").asText();
        Digest manifest = Digest.parse(appJson.path("digest").asText());
        if (!layout.hasBlob(manifest)) {
            throw stale(name + " (" + manifest + ") is not in " + layout.root());
        }
        JsonNode manifestLayers = Json.parseObject(layout.readBlob(manifest), "manifest " + manifest)
                .path("layers");
        JsonNode recorded = appJson.path("layers");
        String mismatch = name + "'s record does not match its manifest in " + layout.root();
        if (recorded.size() != manifestLayers.size()) {
            throw stale(mismatch);
        }
        List<Entry> layers = new ArrayList<>();
        for (int i = 0; i < recorded.size(); i++) {
            JsonNode layer = recorded.get(i);
            String digest = layer.path("digest").asText();
            if (!digest.equals(manifestLayers.get(i).path("digest").asText())) {
                throw stale(mismatch + " (layer " + i + ")");
            }
            layers.add(new Entry(
                    layer.path("role").asText(),
                    Digest.parse(digest),
                    layer.path("size").asLong()));
        }
        JsonNode base = appJson.path("base");
        Digest config = Digest.parse(appJson.path("imageId").asText());
        Side side = new Side(
                name,
                manifest,
                config,
                base.path("image").asText(null),
                ReferenceSide.digestOrNull(base.path("digest").asText(null)),
                layers);
        return new BuiltSide(side, platformOf(Json.parseObject(layout.readBlob(config), "config " + config)));
    }

    /** The one consistency failure: the records and the layout do not describe one build. */
    private static IOException stale(String problem) {
        return new IOException(problem + ": run the base and image goals again before diff.");
    }

    private static Platform platformOf(ObjectNode config) {
        return new Platform(
                config.path("architecture").asText(Platform.LINUX_AMD64.architecture()),
                config.path("os").asText(Platform.LINUX_AMD64.os()),
                config.hasNonNull("variant") ? config.path("variant").asText() : null);
    }
}
