package io.github.dockerlayer.registry;

import io.github.dockerlayer.image.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.MessageDigest;

/**
 * Where a pulled blob goes: the caller's stream, through a digest and a byte count, across attempts. A retry asks for
 * the rest with {@code Range}; when the registry sends the whole blob again (200 instead of 206), the bytes already
 * written are skipped. {@link #verify()} checks size and digest at the end.
 */
final class BlobSink {
    private final String registry;
    private final URI uri;
    private final Digest digest;
    private final long expectedSize;
    private final OutputStream target;
    private final MessageDigest md = Digest.newSha256();
    private long written;

    BlobSink(String registry, URI uri, Digest digest, long expectedSize, OutputStream target) {
        this.registry = registry;
        this.uri = uri;
        this.digest = digest;
        this.expectedSize = expectedSize;
        this.target = target;
    }

    /** Bytes written to the target so far. */
    synchronized long written() {
        return written;
    }

    /** The sink for one attempt's response. */
    ResponseBody.Sink attempt() {
        return this::open;
    }

    private OutputStream open(HttpResponse.ResponseInfo info) throws IOException {
        long skip;
        if (info.statusCode() == 206) {
            String range = info.headers().firstValue("Content-Range").orElse("");
            if (!range.matches("bytes " + written() + "-\\d+/(\\d+|\\*)")) {
                throw protocol(
                        "asked for the blob from byte " + written() + ", the registry sent range '" + range + "'");
            }
            skip = 0;
        } else {
            skip = written(); // the whole blob again: drop what we already have
        }
        return new OutputStream() {
            private long toSkip = skip;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                int drop = (int) Math.min(toSkip, len);
                toSkip -= drop;
                accept(b, off + drop, len - drop);
            }
        };
    }

    private synchronized void accept(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        if (expectedSize >= 0 && written + len > expectedSize) {
            throw protocol("blob " + digest + " is larger than its expected " + expectedSize + " bytes");
        }
        md.update(b, off, len);
        try {
            target.write(b, off, len);
        } catch (IOException e) {
            throw new LocalIOException("cannot write blob " + digest.toShortString() + ": " + e.getMessage(), e);
        }
        written += len;
    }

    /** Checks size and digest of everything written. */
    synchronized void verify() throws RegistryException {
        if (expectedSize >= 0 && written != expectedSize) {
            throw protocol("blob " + digest + " has " + written + " bytes, expected " + expectedSize);
        }
        Digest actual = Digest.of(md);
        if (!actual.equals(digest)) {
            throw protocol("blob " + digest + " arrived with digest " + actual + ": the registry or a proxy sent other"
                    + " content, and what was written is not usable");
        }
    }

    private RegistryException protocol(String explanation) {
        return new RegistryException(
                RegistryException.Kind.PROTOCOL,
                explanation + " (from " + registry + ")",
                registry,
                "GET",
                uri,
                false,
                null);
    }
}
