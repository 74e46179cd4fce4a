package io.github.dockerlayer.assemble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerlayer.archive.LoadArchive;
import io.github.dockerlayer.daemon.DaemonEndpoint;
import io.github.dockerlayer.daemon.DaemonException;
import io.github.dockerlayer.daemon.DockerDaemon;
import io.github.dockerlayer.daemon.DockerJavaDaemon;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Image;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.layout.AtomicFiles;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.log.Sizes;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code load} parameter at work: after the image goal wrote the layout, base and app go into the Docker daemon
 * under their names, sending only what the daemon lacks when that can be proven, else everything:
 * <ul>
 *   <li>classic store: a docker-archive that carries the layers from the first one the daemon lacks upwards; what it
 *       holds is read from the images of the same names (their diffIds, as a prefix of this image's);</li>
 *   <li>containerd store: an OCI-layout archive without the blobs of manifests the daemon provably holds (an image of
 *       one of our names whose ID, the manifest digest there, is this base or app, or one this plugin loaded into
 *       that daemon before, recorded in {@code daemon-loads.json});</li>
 *   <li>Podman: a full docker-archive.</li>
 * </ul>
 * A thin archive the daemon refuses is followed, once, by the full one. The archive is streamed through a pipe,
 * never written to disk.
 */
public final class ImageLoad {
    /** Opens the connection to the daemon. */
    @FunctionalInterface
    public interface Connector {
        DockerDaemon connect() throws IOException;
    }

    /** The daemon this process's environment names (DOCKER_HOST, the Docker context...). */
    public static final Connector ENVIRONMENT = () -> DockerJavaDaemon.connect(DaemonEndpoint.fromEnvironment());

    static final String RECORD = "daemon-loads.json";
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    private final LoadMode mode;
    private final Connector connector;
    private final Path outputDirectory;
    private final BuildLog log;

    /**
     * What a load did.
     *
     * @param daemon the daemon, as it described itself
     * @param endpoint where it was reached
     * @param store its image store
     * @param thin whether layers it held were left out
     * @param bytesSent the archive's bytes sent (0 when everything was there already)
     * @param fullBytes what the full archive's blobs would have been
     * @param names the names loaded
     * @param imageId the app's image ID in the daemon
     * @param fallback why a thin archive was followed by the full one, or null
     * @param upToDate whether the daemon held every name with this content already, so nothing was sent
     * @param millis how long the load took
     */
    public record Result(String daemon, String endpoint, DockerDaemon.Store store, boolean thin, long bytesSent,
            long fullBytes, List<String> names, Digest imageId, String fallback, boolean upToDate, long millis) {}

    /** What an archive carries. */
    private record Plan(boolean oci, Set<Digest> omit, String why) {
        boolean thin() {
            return !omit.isEmpty();
        }
    }

    public ImageLoad(LoadMode mode, Connector connector, Path outputDirectory, BuildLog log) {
        this.mode = mode;
        this.connector = connector;
        this.outputDirectory = outputDirectory;
        this.log = log;
    }

    /**
     * Loads base and app into the daemon, records the result in {@code image.json} under {@code load}, and returns it;
     * null when nothing was to be loaded ({@code load=false}, or {@code auto} with no daemon answering).
     */
    public Result load(ImageBuild.Built built) throws IOException {
        DockerDaemon daemon = connect(mode, connector, log, "loading into");
        if (daemon == null) {
            return null;
        }
        try (daemon) {
            Result result = load(daemon, built);
            BuildReport.writeLoad(outputDirectory.resolve("image.json"), result);
            return result;
        }
    }

    /**
     * The daemon {@code mode} asks for: none for {@code false}; for {@code auto} none either when no daemon answers
     * (one line saying so, {@code doing} saying what is not done); for {@code true} one, or the failure naming where it
     * was looked for.
     */
    static DockerDaemon connect(LoadMode mode, Connector connector, BuildLog log, String doing) throws IOException {
        if (mode == LoadMode.FALSE) {
            return null;
        }
        try {
            return connector.connect();
        } catch (IOException e) {
            if (mode == LoadMode.AUTO && (!(e instanceof DaemonException daemon) || daemon.kind() == DaemonException.Kind.UNREACHABLE)) {
                log.info("Not " + doing + " a Docker daemon (load=auto): " + e.getMessage());
                return null;
            }
            throw e;
        }
    }

    private Result load(DockerDaemon daemon, ImageBuild.Built built) throws IOException {
        long started = System.nanoTime();
        DockerDaemon.Info info = daemon.info();
        List<LoadArchive.Named> images = List.of(
                new LoadArchive.Named(built.base().image(), List.of(built.base().reference())),
                new LoadArchive.Named(built.app().image(), appNames(built.app())));
        List<String> names = new ArrayList<>();
        images.forEach(named -> named.names().forEach(name -> names.add(name.toString())));
        boolean containerd = info.store() == DockerDaemon.Store.CONTAINERD && !info.podman();
        Digest appId = containerd ? built.app().manifest().digest() : built.app().image().configDescriptor().digest();
        Digest baseId = containerd ? built.base().manifest().digest() : built.base().image().configDescriptor().digest();
        long fullBytes = carried(images, Set.of());
        String where = info + " at " + daemon.endpoint().describe();
        if (holdsAll(daemon, built, baseId, appId)) {
            log.info("The Docker daemon " + where + " holds " + String.join(", ", names) + " with this content already:"
                    + " nothing to load.");
            return new Result(info.toString(), daemon.endpoint().describe(), info.store(), true, 0, fullBytes, names, appId,
                    null, true, (System.nanoTime() - started) / 1_000_000);
        }
        Plan plan = info.podman() ? new Plan(false, Set.of(), "Podman: a full docker-archive")
                : containerd ? containerdPlan(daemon, info, built) : classicPlan(daemon, built);
        log.info("Loading " + String.join(", ", names) + " into " + where + ": " + plan.why());
        String fallback = null;
        long sent;
        try {
            sent = send(daemon, images, plan);
            checkLoaded(daemon, built, baseId, appId); // containerd 26 answers a failed unpack with success
        } catch (DaemonException e) {
            if (!plan.thin() || e.kind() != DaemonException.Kind.REFUSED) {
                throw e;
            }
            fallback = e.getMessage();
            log.warn("The daemon refused the thin archive (" + e.getMessage() + "); loading the full archive once.");
            plan = new Plan(containerd, Set.of(), "full archive after a refused thin one");
            sent = send(daemon, images, plan);
            checkLoaded(daemon, built, baseId, appId);
        }
        if (containerd) {
            record(info, built);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info(String.format("Loaded %s: %s, %s sent (all layers: %s) in %.1f s; image ID %s", String.join(", ", names),
                plan.thin() ? "thin" : "full", Sizes.human(sent), Sizes.human(fullBytes), millis / 1000.0,
                appId.toShortString()));
        return new Result(info.toString(), daemon.endpoint().describe(), info.store(), plan.thin(), sent, fullBytes, names,
                appId, fallback, false, millis);
    }

    private static List<ImageReference> appNames(BuiltImage app) {
        return app.tags().stream().map(tag -> app.reference().withTag(tag)).toList();
    }

    /** Whether every name already names the image this build made (same ID), so nothing needs sending. */
    private static boolean holdsAll(DockerDaemon daemon, ImageBuild.Built built, Digest baseId, Digest appId) throws IOException {
        Optional<DockerDaemon.InspectedImage> base = daemon.inspect(built.base().reference().toString());
        if (base.isEmpty() || !base.get().id().equals(baseId)) {
            return false;
        }
        for (ImageReference name : appNames(built.app())) {
            Optional<DockerDaemon.InspectedImage> app = daemon.inspect(name.toString());
            if (app.isEmpty() || !app.get().id().equals(appId)) {
                return false;
            }
        }
        return true;
    }

    /** Fails, as a refusal, unless the daemon now holds every name with this build's images. */
    private static void checkLoaded(DockerDaemon daemon, ImageBuild.Built built, Digest baseId, Digest appId) throws IOException {
        if (!holdsAll(daemon, built, baseId, appId)) {
            throw new DaemonException(DaemonException.Kind.REFUSED, "the Docker daemon at " + daemon.endpoint().describe()
                    + " answered the load, but does not hold " + built.base().reference() + " as " + baseId.toShortString()
                    + " and " + String.join(", ", appNames(built.app()).stream().map(Object::toString).toList()) + " as "
                    + appId.toShortString() + " after it", null);
        }
    }

    /**
     * Classic store: the longest prefix of the app's diffIds that an image of one of our names has; the daemon holds
     * those layers (by chain), so their files can stay out of the archive.
     */
    private Plan classicPlan(DockerDaemon daemon, ImageBuild.Built built) throws IOException {
        List<Layer> layers = built.app().image().layers();
        int held = 0;
        String heldBy = null;
        List<ImageReference> candidates = new ArrayList<>();
        candidates.add(built.base().reference());
        candidates.addAll(appNames(built.app()));
        for (ImageReference name : candidates) {
            Optional<DockerDaemon.InspectedImage> image = daemon.inspect(name.toString());
            if (image.isEmpty()) {
                continue;
            }
            int prefix = 0;
            List<Digest> diffIds = image.get().diffIds();
            while (prefix < diffIds.size() && prefix < layers.size() && diffIds.get(prefix).equals(layers.get(prefix).diffId())) {
                prefix++;
            }
            if (prefix > held) {
                held = prefix;
                heldBy = name.toString();
            }
        }
        if (held == 0) {
            return new Plan(false, Set.of(), "a full docker-archive (the daemon holds no layer of it under these names)");
        }
        Set<Digest> omit = new HashSet<>();
        for (int i = 0; i < held; i++) {
            omit.add(layers.get(i).digest());
        }
        return new Plan(false, omit, "a thin docker-archive: the daemon holds the first " + held + " of " + layers.size()
                + " layers (as " + heldBy + "), the archive carries the other " + (layers.size() - held));
    }

    /**
     * Containerd store: the blobs of every manifest the daemon provably holds: an image of one of our names whose ID
     * (the manifest digest) is the base's or the app's, or a manifest this plugin loaded into that daemon before.
     */
    private Plan containerdPlan(DockerDaemon daemon, DockerDaemon.Info info, ImageBuild.Built built) throws IOException {
        Map<Digest, Set<Digest>> known = new LinkedHashMap<>(recorded(info));
        known.put(built.base().manifest().digest(), blobs(built.base().image()));
        known.put(built.app().manifest().digest(), blobs(built.app().image()));
        List<ImageReference> candidates = new ArrayList<>();
        candidates.add(built.base().reference());
        candidates.addAll(appNames(built.app()));
        Set<Digest> omit = new HashSet<>();
        List<String> provenBy = new ArrayList<>();
        for (ImageReference name : candidates) {
            Optional<DockerDaemon.InspectedImage> image = daemon.inspect(LoadArchive.qualifiedName(name));
            if (image.isPresent() && known.containsKey(image.get().id())) {
                omit.addAll(known.get(image.get().id()));
                provenBy.add(name.toString());
            }
        }
        Set<Digest> ours = blobs(built.base().image());
        ours.addAll(blobs(built.app().image()));
        omit.retainAll(ours);
        if (omit.isEmpty()) {
            return new Plan(true, Set.of(), "a full OCI archive (no image of these names in the daemon has a manifest"
                    + " known here, so no blob can be proven to be in its content store)");
        }
        return new Plan(true, omit, "a thin OCI archive: " + omit.size() + " blobs are in the daemon's content store (the"
                + " manifests of " + String.join(", ", provenBy) + "), the archive carries the others");
    }

    private static Set<Digest> blobs(Image image) {
        Set<Digest> blobs = new LinkedHashSet<>();
        blobs.add(image.configDescriptor().digest());
        image.layers().forEach(layer -> blobs.add(layer.digest()));
        return blobs;
    }

    /** The manifests this plugin loaded into that daemon before, each with its blobs. */
    private Map<Digest, Set<Digest>> recorded(DockerDaemon.Info info) {
        Path file = outputDirectory.resolve(RECORD);
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

    private void record(DockerDaemon.Info info, ImageBuild.Built built) throws IOException {
        Path file = outputDirectory.resolve(RECORD);
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
            blobs(image.image()).forEach(blob -> blobs.add(blob.toString()));
        }
        AtomicFiles.write(file, Json.pretty(root));
    }

    /** The bytes of the blobs an archive would carry (tar headers aside). */
    private static long carried(List<LoadArchive.Named> images, Set<Digest> omit) {
        Set<Digest> seen = new HashSet<>();
        long bytes = 0;
        for (LoadArchive.Named named : images) {
            for (Layer layer : named.image().layers()) {
                if (!omit.contains(layer.digest()) && seen.add(layer.digest())) {
                    bytes += layer.size();
                }
            }
        }
        return bytes;
    }

    /**
     * Streams the planned archive into the daemon's load: written by a thread into a pipe that the client reads as
     * the request body. Returns the bytes sent.
     */
    private long send(DockerDaemon daemon, List<LoadArchive.Named> images, Plan plan) throws IOException {
        long expected = carried(images, plan.omit());
        PipedInputStream body = new PipedInputStream(1 << 20);
        Counting out = new Counting(new PipedOutputStream(body), expected);
        IOException[] writeFailure = new IOException[1];
        Thread writer = new Thread(() -> {
            try (out) {
                if (plan.oci()) {
                    LoadArchive.writeOciArchive(images, plan.omit(), out);
                } else {
                    LoadArchive.writeDockerArchive(images, plan.omit(), out);
                }
            } catch (IOException | RuntimeException e) {
                writeFailure[0] = e instanceof IOException io ? io : new IOException(e.toString(), e);
                try {
                    body.close(); // the client's read fails, so the daemon gets no truncated archive
                } catch (IOException ignored) {
                    // closing a pipe does not fail
                }
            }
        }, "docker-layer-load-writer");
        writer.setDaemon(true);
        writer.start();
        DaemonException refused = null;
        try {
            daemon.load(body);
        } catch (DaemonException e) {
            refused = e;
        } finally {
            body.close(); // unblocks the writer when the daemon stopped reading early
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while loading into the Docker daemon");
            }
        }
        if (writeFailure[0] != null && !out.sinkFailed) {
            // Reading a blob failed (a layer missing from the layout, a registry that went away): that is the cause.
            IOException failure = new IOException("cannot write the archive to load: " + writeFailure[0].getMessage(), writeFailure[0]);
            if (refused != null) {
                failure.addSuppressed(refused);
            }
            throw failure;
        }
        if (refused != null) {
            throw refused;
        }
        return out.count;
    }

    /** Counts what goes into the pipe and reports progress on large loads. */
    private final class Counting extends FilterOutputStream {
        private final long expected;
        private long count;
        private long lastReport = System.nanoTime();
        private volatile boolean sinkFailed;

        Counting(OutputStream out, long expected) {
            super(out);
            this.expected = expected;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                sinkFailed = true;
                throw e;
            }
            count += len;
            long now = System.nanoTime();
            if (now - lastReport > PROGRESS_EVERY_NANOS) {
                lastReport = now;
                String line = "Loading: " + Sizes.human(count) + " of about " + Sizes.human(expected) + " sent";
                if (log.showsProgress()) {
                    log.info(line);
                } else {
                    log.debug(line);
                }
            }
        }
    }
}
