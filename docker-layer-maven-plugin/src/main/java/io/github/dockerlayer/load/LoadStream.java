package io.github.dockerlayer.load;

import io.github.dockerlayer.archive.LoadArchive;
import io.github.dockerlayer.daemon.DaemonException;
import io.github.dockerlayer.daemon.DockerDaemon;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Layer;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.log.Sizes;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An archive planned by {@link LoadPlanner}, streamed into the daemon's load: written by a thread into a pipe that the
 * client reads as the request body, never to disk; progress told every few seconds on large loads.
 */
final class LoadStream {
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    private LoadStream() {}

    /** The bytes of the blobs an archive would carry (tar headers aside). */
    static long carried(List<LoadArchive.Named> images, Set<Digest> omit) {
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
    static long send(DockerDaemon daemon, List<LoadArchive.Named> images, LoadPlanner.Plan plan, BuildLog log)
            throws IOException {
        long expected = carried(images, plan.omit());
        PipedInputStream body = new PipedInputStream(1 << 20);
        Counting out = new Counting(new PipedOutputStream(body), expected, log);
        IOException[] writeFailure = new IOException[1];
        Thread writer = new Thread(
                () -> {
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
                },
                "docker-layer-load-writer");
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
            IOException failure = new IOException(
                    "cannot write the archive to load: " + writeFailure[0].getMessage(), writeFailure[0]);
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
    private static final class Counting extends FilterOutputStream {
        private final long expected;
        private final BuildLog log;
        private long count;
        private long lastReport = System.nanoTime();
        private volatile boolean sinkFailed;

        Counting(OutputStream out, long expected, BuildLog log) {
            super(out);
            this.expected = expected;
            this.log = log;
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
