package io.github.dockerlayer.registry;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * The content of one upload attempt, cut into request bodies. The bodies of one attempt are read in order from one
 * stream; a body sent again (after a 401 or a 307) opens a fresh stream and skips to its offset. Failures reading the
 * content are {@link LocalIOException}s: never retried, never blamed on the registry.
 */
final class UploadContent implements Closeable {
    private final RegistryClient.IoSupplier<InputStream> content;
    private final long size;
    private final LongConsumer progress;
    private InputStream current;
    private long position;

    /** @param progress told the bytes read so far in this attempt, or null */
    UploadContent(RegistryClient.IoSupplier<InputStream> content, long size, LongConsumer progress) {
        this.content = content;
        this.size = size;
        this.progress = progress;
    }

    /** The body of bytes {@code [offset, offset + length)}. */
    RegistryHttp.Body slice(long offset, long length) {
        return new RegistryHttp.Body() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public InputStream open() throws IOException {
                return openAt(offset, length);
            }
        };
    }

    private synchronized InputStream openAt(long offset, long length) throws IOException {
        if (current == null || position != offset) {
            close();
            try {
                current = content.get();
                position = 0;
                while (position < offset) {
                    long skipped = current.skip(offset - position);
                    if (skipped <= 0) {
                        if (current.read() < 0) {
                            throw new IOException("it ended after " + position + " bytes");
                        }
                        skipped = 1;
                    }
                    position += skipped;
                }
            } catch (IOException e) {
                throw new LocalIOException("cannot read the blob content to upload: " + e.getMessage(), e);
            }
        }
        return new Slice(length);
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // only read from
            }
            current = null;
        }
    }

    /** The next {@code length} bytes of the current stream; closing it leaves the stream open for the next one. */
    private final class Slice extends InputStream {
        private long remaining;

        Slice(long length) {
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n;
            synchronized (UploadContent.this) {
                try {
                    n = current.read(b, off, (int) Math.min(len, remaining));
                } catch (IOException e) {
                    throw new LocalIOException("cannot read the blob content to upload: " + e.getMessage(), e);
                }
                if (n < 0) {
                    throw new LocalIOException(
                            "the blob content ended after " + position + " bytes, but its size is " + size, null);
                }
                position += n;
            }
            remaining -= n;
            if (progress != null) {
                progress.accept(position);
            }
            return n;
        }
    }
}
