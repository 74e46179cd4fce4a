package io.github.dockerlayer.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives a response body: into a caller's stream (a pulled blob), or into memory up to a limit (manifests, tokens,
 * error bodies). It counts the bytes as they come, so a stalled transfer can be told from a slow one.
 */
final class ResponseBody implements HttpResponse.BodySubscriber<byte[]> {
    /** Error bodies are kept up to this size, and cut there: only their error codes are wanted. */
    static final int ERROR_BODY_LIMIT = 64 * 1024;

    /** Where a successful response's body goes, chosen from its status and headers. */
    @FunctionalInterface
    interface Sink {
        OutputStream open(HttpResponse.ResponseInfo info) throws IOException;
    }

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final AtomicLong received = new AtomicLong();
    private final OutputStream target;
    private final ByteArrayOutputStream buffer;
    private final long limit;
    private final boolean cutAtLimit;
    private Flow.Subscription subscription;

    private ResponseBody(OutputStream target, long limit, boolean cutAtLimit) {
        this.target = target;
        this.buffer = target == null ? new ByteArrayOutputStream() : null;
        this.limit = limit;
        this.cutAtLimit = cutAtLimit;
    }

    /**
     * The subscriber for one response: a 2xx body goes to {@code sink} when there is one, else into memory, failing
     * past {@code limit}; other bodies are kept up to {@link #ERROR_BODY_LIMIT} and cut there.
     */
    static ResponseBody create(HttpResponse.ResponseInfo info, Sink sink, long limit) {
        boolean success = info.statusCode() / 100 == 2;
        if (success && sink != null) {
            try {
                return new ResponseBody(sink.open(info), Long.MAX_VALUE, false);
            } catch (IOException | RuntimeException e) {
                ResponseBody failed = new ResponseBody(null, 0, true);
                failed.result.completeExceptionally(e);
                return failed;
            }
        }
        return success ? new ResponseBody(null, limit, false) : new ResponseBody(null, ERROR_BODY_LIMIT, true);
    }

    /** Bytes received so far. */
    long received() {
        return received.get();
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (result.isDone()) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        try {
            for (ByteBuffer item : items) {
                int n = item.remaining();
                if (target != null) {
                    byte[] bytes = new byte[n];
                    item.get(bytes);
                    target.write(bytes);
                } else if (buffer.size() + (long) n > limit) {
                    if (!cutAtLimit) {
                        throw new IOException("the response body is larger than " + limit + " bytes");
                    }
                    subscription.cancel();
                    result.complete(buffer.toByteArray());
                    return;
                } else {
                    byte[] bytes = new byte[n];
                    item.get(bytes);
                    buffer.write(bytes);
                }
                received.addAndGet(n);
            }
            subscription.request(1);
        } catch (IOException | RuntimeException e) {
            subscription.cancel();
            result.completeExceptionally(e);
        }
    }

    @Override
    public void onError(Throwable failure) {
        result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        result.complete(buffer == null ? new byte[0] : buffer.toByteArray());
    }
}
