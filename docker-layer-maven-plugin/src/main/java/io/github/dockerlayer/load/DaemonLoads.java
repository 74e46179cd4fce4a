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
import java.util.Iterator;
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
    /**
     * What the file holds, read and written only here: per daemon ID (in the file's order), its manifests (in the
     * order loaded), each with its config and layer digests.
     *
     * @param daemons the manifests recorded for each daemon
     */
    record Loads(Map<String, Map<Digest, Set<Digest>>> daemons) {
        /** The file's content; a daemon whose entry is not manifests and digests is left out. */
        static Loads fromJson(JsonNode root) {
            Map<String, Map<Digest, Set<Digest>>> daemons = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> daemon = it.next();
                try {
                    Map<Digest, Set<Digest>> manifests = new LinkedHashMap<>();
                    daemon.getValue().fields().forEachRemaining(entry -> {
                        Set<Digest> blobs = new LinkedHashSet<>();
                        entry.getValue().forEach(blob -> blobs.add(Digest.parse(blob.asText())));
                        manifests.put(Digest.parse(entry.getKey()), blobs);
                    });
                    daemons.put(daemon.getKey(), manifests);
                } catch (IllegalArgumentException e) {
                    // not a record of manifests: nothing to leave out for that daemon
                }
            }
            return new Loads(daemons);
        }

        /** The file's JSON object: daemon IDs and manifest digests in this record's order, not sorted. */
        ObjectNode toJson() {
            ObjectNode root = Json.object();
            daemons.forEach((id, manifests) -> {
                ObjectNode daemon = root.putObject(id);
                manifests.forEach((manifest, blobs) -> {
                    ArrayNode list = daemon.putArray(manifest.toString());
                    blobs.forEach(blob -> list.add(blob.toString()));
                });
            });
            return root;
        }
    }

    private final Path file;
    private final BuildLog log;

    /** @param file {@code daemon-loads.json} ({@code OutputFiles.daemonLoads()}) */
    DaemonLoads(Path file, BuildLog log) {
        this.file = file;
        this.log = log;
    }

    /** The manifests recorded for {@code info}'s daemon, each with its blobs; empty when none (or unreadable). */
    Map<Digest, Set<Digest>> recorded(DockerDaemon.Info info) {
        if (!Files.isRegularFile(file)) {
            return new LinkedHashMap<>();
        }
        try {
            return new LinkedHashMap<>(read().daemons().getOrDefault(info.id(), Map.of()));
        } catch (IOException e) {
            log.debug("Ignoring " + file + ": " + e.getMessage());
            return new LinkedHashMap<>();
        }
    }

    /** Records base and app as what {@code info}'s daemon holds now (replacing what that daemon had recorded). */
    void record(DockerDaemon.Info info, ImageBuild.Built built) throws IOException {
        Map<String, Map<Digest, Set<Digest>>> daemons = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            try {
                daemons.putAll(read().daemons());
            } catch (IOException e) {
                log.debug("Rewriting " + file + ": " + e.getMessage());
            }
        }
        Map<Digest, Set<Digest>> manifests = new LinkedHashMap<>(); // the last load's: what the daemon holds now
        for (BuiltImage image : List.of(built.base(), built.app())) {
            manifests.put(image.manifest().digest(), LoadPlanner.blobs(image.image()));
        }
        daemons.put(info.id(), manifests);
        AtomicFiles.write(file, Json.pretty(new Loads(daemons).toJson()));
    }

    private Loads read() throws IOException {
        return Loads.fromJson(Json.MAPPER.readTree(file.toFile()));
    }
}
