package io.github.dockerlayer.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.assemble.ImageBuild;
import io.github.dockerlayer.blob.AtomicFiles;
import io.github.dockerlayer.daemon.DockerDaemon;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.record.BuiltImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code daemon-loads.json}: per daemon ID, the manifests the last load of this project put into a containerd-store
 * daemon, each with its blobs, so that the next load can leave those blobs out once an image of our names shows the
 * daemon still holds that manifest.
 */
final class DaemonLoads {
    static final String FILE = "daemon-loads.json";

    private final Path file;
    private final BuildLog log;

    DaemonLoads(Path outputDirectory, BuildLog log) {
        this.file = outputDirectory.resolve(FILE);
        this.log = log;
    }

    /** The manifests recorded for {@code info}'s daemon, each with its blobs; empty when none (or unreadable). */
    Map<Digest, Set<Digest>> recorded(DockerDaemon.Info info) {
        Map<Digest, Set<Digest>> result = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return result;
        }
        try {
            JsonNode manifests = Json.MAPPER.readTree(file.toFile()).path(info.id());
            manifests.fields().forEachRemaining(entry -> {
                Set<Digest> blobs = new LinkedHashSet<>();
                entry.getValue().forEach(blob -> blobs.add(Digest.parse(blob.asText())));
                result.put(Digest.parse(entry.getKey()), blobs);
            });
        } catch (IOException | IllegalArgumentException e) {
            log.debug("Ignoring " + file + ": " + e.getMessage());
            result.clear();
        }
        return result;
    }

    /** Records base and app as what {@code info}'s daemon holds now (replacing what that daemon had recorded). */
    void record(DockerDaemon.Info info, ImageBuild.Built built) throws IOException {
        ObjectNode root = Json.object();
        if (Files.isRegularFile(file)) {
            try {
                JsonNode existing = Json.MAPPER.readTree(file.toFile());
                if (existing instanceof ObjectNode object) {
                    root = object;
                }
            } catch (IOException e) {
                log.debug("Rewriting " + file + ": " + e.getMessage());
            }
        }
        ObjectNode manifests = root.putObject(info.id()); // the last load's manifests: what the daemon holds now
        for (BuiltImage image : List.of(built.base(), built.app())) {
            ArrayNode blobs = manifests.putArray(image.manifest().digest().toString());
            LoadPlanner.blobs(image.image()).forEach(blob -> blobs.add(blob.toString()));
        }
        AtomicFiles.write(file, Json.pretty(root));
    }
}
