package io.github.dockerlayer.load;

import io.github.dockerlayer.archive.LoadArchive;
import io.github.dockerlayer.assemble.ImageBuild;
import io.github.dockerlayer.assemble.Once;
import io.github.dockerlayer.daemon.DaemonConnection;
import io.github.dockerlayer.daemon.DaemonException;
import io.github.dockerlayer.daemon.DockerDaemon;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.log.Sizes;
import io.github.dockerlayer.record.BuildReport;
import io.github.dockerlayer.record.LoadRecord;
import io.github.dockerlayer.record.OutputFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code load} parameter at work: after the image goal wrote the layout, base and app go into the Docker daemon
 * under their names, sending only what the daemon lacks when that can be proven, else everything:
 * <ul>
 *   <li>classic store: a docker-archive that carries the layers from the first one the daemon lacks upwards; what it
 *       holds is read from the images of the same names and the from image (their diffIds, as a prefix of this
 *       image's);</li>
 *   <li>containerd store: an OCI-layout archive without the blobs of manifests the daemon provably holds (an image of
 *       one of our names whose ID, the manifest digest there, is this base or app, or one this plugin loaded into
 *       that daemon before, recorded in {@code daemon-loads.json}; the image whose ID is the from image's manifest
 *       digest);</li>
 *   <li>Podman: a full docker-archive.</li>
 * </ul>
 * {@link LoadPlanner} makes the plan. A thin archive the daemon refuses is followed, once, by the full one. The
 * archive is streamed through a pipe, never written to disk. Modules of one build that load the same base into the
 * same daemon at once send it once: the others wait for the first, then load thin.
 */
public final class ImageLoad {
    private final LoadMode mode;
    private final DaemonConnection.Connector connector;
    private final OutputFiles files;
    private final BuildLog log;
    private final Once once;

    public ImageLoad(LoadMode mode, DaemonConnection.Connector connector, Path outputDirectory, BuildLog log) {
        this(mode, connector, outputDirectory, log, Once.none());
    }

    /** With {@code once}: what the modules of one build share (a base several of them load goes into a daemon once). */
    public ImageLoad(
            LoadMode mode, DaemonConnection.Connector connector, Path outputDirectory, BuildLog log, Once once) {
        this.mode = mode;
        this.connector = connector;
        this.files = new OutputFiles(outputDirectory);
        this.log = log;
        this.once = once;
    }

    /**
     * Loads base and app into the daemon, records the result in {@code image.json} under {@code load}, and returns it;
     * null when nothing was to be loaded ({@code load=false}, or {@code auto} with no daemon answering).
     */
    public LoadRecord load(ImageBuild.Built built) throws IOException {
        DockerDaemon daemon = mode.connect(connector, log, "loading into");
        if (daemon == null) {
            return null;
        }
        try (daemon) {
            LoadRecord result = loadSharingTheBase(daemon, built);
            BuildReport.writeLoad(files.imageJson(), result);
            return result;
        }
    }

    /**
     * Loads {@code built}, once per build and daemon for its base: the first module of a build to load a base does its
     * load, another one loading the same base at the same time ({@code mvn -T}) waits for it, then loads its app on
     * the base the daemon holds by then (thin).
     */
    private LoadRecord loadSharingTheBase(DockerDaemon daemon, ImageBuild.Built built) throws IOException {
        String key = "load " + built.base().manifest().digest() + " into "
                + daemon.endpoint().describe() + " " + daemon.info().id();
        boolean[] mine = {false};
        try {
            LoadRecord result = once.get(key, () -> {
                mine[0] = true;
                return load(daemon, built);
            });
            if (mine[0]) {
                return result;
            }
            log.debug("Another module of this build loaded the base "
                    + built.base().reference() + " into this daemon.");
        } catch (IOException e) {
            if (mine[0]) {
                throw e;
            }
            log.debug("Another module's load of the base " + built.base().reference() + " failed (" + e.getMessage()
                    + "); loading here on its own.");
        }
        return load(daemon, built);
    }

    private LoadRecord load(DockerDaemon daemon, ImageBuild.Built built) throws IOException {
        long started = System.nanoTime();
        DockerDaemon.Info info = daemon.info();
        List<LoadArchive.Named> images = List.of(
                new LoadArchive.Named(built.base().image(), List.of(built.base().reference())),
                new LoadArchive.Named(built.app().image(), LoadPlanner.appNames(built.app())));
        List<String> names = new ArrayList<>();
        images.forEach(named -> named.names().forEach(name -> names.add(name.toString())));
        boolean containerd = info.store() == DockerDaemon.Store.CONTAINERD && !info.podman();
        Digest appId = containerd
                ? built.app().manifest().digest()
                : built.app().image().configDescriptor().digest();
        Digest baseId = containerd
                ? built.base().manifest().digest()
                : built.base().image().configDescriptor().digest();
        long fullBytes = LoadStream.carried(images, Set.of());
        String where = info + " at " + daemon.endpoint().describe();
        LoadPlanner planner = new LoadPlanner(daemon, containerd); // asks each name once
        if (holdsAll(planner::inspect, built, baseId, appId)) {
            log.info("The Docker daemon " + where + " holds " + String.join(", ", names) + " with this content already:"
                    + " nothing to load.");
            return new LoadRecord(
                    info.toString(),
                    daemon.endpoint().describe(),
                    info.store().label(),
                    true,
                    0,
                    fullBytes,
                    names,
                    appId,
                    null,
                    true,
                    (System.nanoTime() - started) / 1_000_000);
        }
        LoadPlanner.From from = LoadPlanner.From.read(files.baseJson(), built.base(), log);
        DaemonLoads loads = new DaemonLoads(files.daemonLoads(), log);
        LoadPlanner.Plan plan = info.podman()
                ? new LoadPlanner.Plan(false, Set.of(), "Podman: a full docker-archive")
                : containerd ? planner.containerd(built, from, loads.recorded(info)) : planner.classic(built, from);
        log.info("Loading " + String.join(", ", names) + " into " + where + ": " + plan.why());
        Lookup fresh = name -> daemon.inspect(containerd ? LoadArchive.qualifiedName(name) : name.toString());
        String fallback = null;
        long sent;
        try {
            sent = LoadStream.send(daemon, images, plan, log);
            checkLoaded(fresh, daemon, built, baseId, appId); // containerd 26 answers a failed unpack with success
        } catch (DaemonException e) {
            if (!plan.thin() || e.kind() != DaemonException.Kind.REFUSED) {
                throw e;
            }
            fallback = e.getMessage();
            log.warn("The daemon refused the thin archive (" + e.getMessage() + "); loading the full archive once.");
            plan = new LoadPlanner.Plan(containerd, Set.of(), "full archive after a refused thin one");
            sent = LoadStream.send(daemon, images, plan, log);
            checkLoaded(fresh, daemon, built, baseId, appId);
        }
        if (containerd) {
            loads.record(info, built);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info(String.format(
                "Loaded %s: %s, %s sent (all layers: %s) in %.1f s; image ID %s",
                String.join(", ", names),
                plan.thin() ? "thin" : "full",
                Sizes.human(sent),
                Sizes.human(fullBytes),
                millis / 1000.0,
                appId.toShortString()));
        return new LoadRecord(
                info.toString(),
                daemon.endpoint().describe(),
                info.store().label(),
                plan.thin(),
                sent,
                fullBytes,
                names,
                appId,
                fallback,
                false,
                millis);
    }

    /** How an image name is looked up in the daemon. */
    @FunctionalInterface
    private interface Lookup {
        Optional<DockerDaemon.InspectedImage> inspect(ImageReference name) throws IOException;
    }

    /** Whether every name already names the image this build made (same ID), so nothing needs sending. */
    private static boolean holdsAll(Lookup lookup, ImageBuild.Built built, Digest baseId, Digest appId)
            throws IOException {
        Optional<DockerDaemon.InspectedImage> base = lookup.inspect(built.base().reference());
        if (base.isEmpty() || !base.get().id().equals(baseId)) {
            return false;
        }
        for (ImageReference name : LoadPlanner.appNames(built.app())) {
            Optional<DockerDaemon.InspectedImage> app = lookup.inspect(name);
            if (app.isEmpty() || !app.get().id().equals(appId)) {
                return false;
            }
        }
        return true;
    }

    /** Fails, as a refusal, unless the daemon now holds every name with this build's images. */
    private static void checkLoaded(
            Lookup lookup, DockerDaemon daemon, ImageBuild.Built built, Digest baseId, Digest appId)
            throws IOException {
        if (!holdsAll(lookup, built, baseId, appId)) {
            throw new DaemonException(
                    DaemonException.Kind.REFUSED,
                    "the Docker daemon at " + daemon.endpoint().describe()
                            + " answered the load, but does not hold "
                            + built.base().reference() + " as " + baseId.toShortString()
                            + " and "
                            + String.join(
                                    ", ",
                                    LoadPlanner.appNames(built.app()).stream()
                                            .map(Object::toString)
                                            .toList())
                            + " as " + appId.toShortString() + " after it",
                    null);
        }
    }
}
