package io.github.dockerlayer.push;

import io.github.dockerlayer.daemon.DaemonConnection;
import io.github.dockerlayer.daemon.DockerDaemon;
import io.github.dockerlayer.failure.InvalidParameterException;
import io.github.dockerlayer.failure.Invocation;
import io.github.dockerlayer.image.ImageReference;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.record.BuildRecord;
import io.github.dockerlayer.record.BuildRecords;
import io.github.dockerlayer.record.ImageKind;
import io.github.dockerlayer.record.OutputFiles;
import io.github.dockerlayer.record.PushRecord;
import io.github.dockerlayer.registry.Registries;
import io.github.dockerlayer.registry.credentials.Credential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code push} with {@code pushFrom=daemon}: {@code docker push} semantics for teams that keep a daemon in CI. The
 * daemon pushes the base ({@code <base>:<version>}) and then the app under each tag, the images it holds under those
 * names (the ones {@code load} put there), with the login the plugin finds for the registry. The daemon's own
 * settings apply (its {@code insecure-registries}, its proxy), and it compresses the layers itself, so the digests
 * are the daemon's: {@code image.json}'s {@code push} records them.
 */
public final class DaemonPush {
    private final OutputFiles files;
    private final Registries registries;
    private final DaemonConnection.Connector connector;
    private final BuildLog log;

    public DaemonPush(Path outputDirectory, Registries registries, DaemonConnection.Connector connector, BuildLog log) {
        this.files = new OutputFiles(outputDirectory);
        this.registries = registries;
        this.connector = connector;
        this.log = log;
    }

    /** Pushes base and app through the daemon and records the digests it reports in base.json and image.json. */
    public void push() throws IOException {
        BuildRecord baseRecord = read(ImageKind.BASE);
        BuildRecord appRecord = read(ImageKind.APP);
        ImageReference base = ImagePush.registryReference("base", baseRecord.image());
        ImageReference app = ImagePush.registryReference("image", appRecord.image());
        List<String> names = new ArrayList<>();
        appRecord.tags().forEach(tag -> names.add(app.withTag(tag).toString()));
        if (names.isEmpty()) {
            names.add(app.toString());
        }
        try (DockerDaemon daemon = connector.connect()) {
            for (String name : names) {
                if (daemon.inspect(name).isEmpty()) {
                    throw new InvalidParameterException(
                            "pushFrom",
                            "the Docker daemon at " + daemon.endpoint().describe() + " has no image " + name
                                    + " to push.",
                            "load it first in the same build (" + Invocation.parameter("load", "true") + "),"
                                    + " or push from the layout (leave <pushFrom> unset).");
                }
            }
            String pushedBase = push(daemon, base.toString());
            record(baseRecord, base, pushedBase);
            String digest = null;
            for (String name : names) {
                digest = push(daemon, name);
            }
            record(appRecord, app, digest);
            String layoutBase = String.valueOf(baseRecord.manifest().digest());
            if (pushedBase != null && !pushedBase.equals(layoutBase)) {
                log.warn("The daemon pushed the base as " + pushedBase + ", not as the layout's "
                        + layoutBase
                        + " (it compressed the layers itself): the app's org.opencontainers.image.base.digest label names the"
                        + " layout's, which this registry does not hold. Push from the layout (leave <pushFrom> unset) to keep"
                        + " them the same.");
            }
        }
    }

    private String push(DockerDaemon daemon, String name) throws IOException {
        String registry = ImageReference.parse(name).registryHost();
        Credential login = registries.credential(registry);
        long started = System.nanoTime();
        log.info("Pushing " + name + " through " + daemon.info() + " at "
                + daemon.endpoint().describe()
                + (login == null ? " (no login)" : " (login from " + login.source() + ")"));
        String digest = daemon.push(
                name,
                login == null ? null : login.username(),
                login == null ? null : login.secret(),
                line -> log.info("  " + line));
        log.info(String.format(
                "Pushed %s %s in %d ms (by the daemon)",
                name, digest == null ? "" : digest, (System.nanoTime() - started) / 1_000_000));
        return digest;
    }

    private BuildRecord read(ImageKind kind) throws IOException {
        Path file = files.record(kind);
        if (!Files.isRegularFile(file)) {
            throw new IOException("there is no image to push: " + file + " is missing. Build it first, in the same run:"
                    + " " + Invocation.goals(List.of("image", "load=true", "push", "pushFrom=daemon")) + ".");
        }
        return BuildRecords.read(file, kind);
    }

    private void record(BuildRecord record, ImageReference reference, String digest) throws IOException {
        PushRecord push = PushRecord.byDaemon(reference.registryHost(), reference.remoteRepository(), digest);
        BuildRecords.write(files.record(record.kind()), record.withPush(push));
    }
}
