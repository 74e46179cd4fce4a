package io.github.dockerlayer.registry;

import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.registry.RegistryHttp.Access;
import io.github.dockerlayer.registry.RegistryHttp.Request;
import io.github.dockerlayer.registry.RegistryHttp.Response;
import io.github.dockerlayer.registry.credentials.CredentialProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.ProxySelector;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * A client of one OCI distribution registry (the distribution spec's pull and push API, Docker's token auth), on the
 * JDK's {@link java.net.http.HttpClient}. Thread safe: one client serves parallel layer uploads.
 *
 * <p><b>Scheme.</b> https with the JDK trust store. A loopback host (localhost, 127.0.0.0/8, ::1) is asked over plain
 * http first (a port speaks one or the other, and most registries on this machine speak http; a TLS port answers 400
 * or resets, and then https is tried as for any host). With {@code allowInsecure}, a registry whose TLS handshake or
 * connection fails is asked over plain http instead. Either way the scheme is decided once for the client's life (on
 * loopback a handshake unanswered for 3 s counts as failed: some plain http servers wait silently for a request line).
 * Otherwise a plain-http registry fails with a message naming {@code allowInsecureRegistries}.
 *
 * <p><b>Auth.</b> The first request ({@code GET /v2/}) is anonymous; its challenge says what follows: Basic with the
 * credential, or Bearer tokens from the challenge's realm, cached per scope set, fetched anew once when the registry
 * answers 401 later (an expired token). The credential is looked up once, when a challenge first asks for it.
 * Authorization goes only to the registry's host and port, never to a host a redirect leads to (blob storage).
 *
 * <p><b>Retries.</b> 408, 429, 500, 502, 503, 504 and failed connections (reset, EOF, timeout) are retried up to
 * {@link Settings#maxAttempts()} attempts in all, after 0.5 s, 1 s, 2 s, 4 s, 8 s (plus up to 25 % jitter), or the
 * {@code Retry-After} the registry gives (at most 60 s). GET, HEAD and manifest PUT are sent again as they were; a
 * blob upload starts again from a new upload session; a blob download resumes with {@code Range}. A refused
 * connection is retried after 0.25 s, 0.5 s and 1 s only; after that the client sends nothing more for its life (the
 * build's), and every request fails at once with that refusal (see {@link Retry}).
 *
 * <p><b>Timeouts.</b> Connecting: {@link Settings#connectTimeout()}. Waiting for response headers:
 * {@link Settings#readTimeout()} plus the request body's size at 64 KiB/s (the headers of an upload come after its
 * body: a 1 GiB layer may take the read timeout plus 4.5 hours). Receiving a response body: no byte for a read
 * timeout fails it; a slow but moving download never times out.
 *
 * <p><b>Sizes.</b> Manifests up to 8 MiB. Blobs up to 16 MiB, or when the registry gives no chunk hint
 * ({@code OCI-Chunk-Min-Length}), go in one PUT; larger ones in PATCH chunks of the larger of that hint and 8 MiB.
 * Upload progress is reported for blobs over 4 MiB.
 *
 * <p><b>Proxies.</b> Only {@link Settings#proxy()}: without it, no proxy, whatever the JVM's default selector says.
 * The JDK refuses Basic proxy auth for https tunnels unless {@code jdk.http.auth.tunneling.disabledSchemes} allows it.
 */
public final class RegistryClient implements AutoCloseable {
    /** Blobs up to this size always go in one PUT. */
    static final long MONOLITHIC_LIMIT = 16L * 1024 * 1024;
    /** The smallest chunk of a chunked upload; the registry's {@code OCI-Chunk-Min-Length} may raise it. */
    static final long DEFAULT_CHUNK = 8L * 1024 * 1024;
    /** Uploads over this size report progress. */
    static final long PROGRESS_THRESHOLD = 4L * 1024 * 1024;
    /** The largest manifest accepted (the spec asks registries to take at least 4 MiB). */
    static final long MANIFEST_LIMIT = 8L * 1024 * 1024;

    /**
     * Transport settings.
     *
     * @param allowInsecure allow plain http with any host whose https fails (loopback hosts always may)
     * @param connectTimeout the longest wait for a TCP (and TLS) connection
     * @param readTimeout the longest wait for response headers (plus upload time, see the class doc) and the
     *     longest pause within a response body
     * @param maxAttempts attempts per request or upload in all, at least 1
     * @param proxy the proxy selector, or null for a direct connection (the JVM-wide default is never used)
     * @param proxyAuthenticator answers proxy 407 challenges, or null; never asked about registries
     */
    public record Settings(
            boolean allowInsecure,
            Duration connectTimeout,
            Duration readTimeout,
            int maxAttempts,
            ProxySelector proxy,
            Authenticator proxyAuthenticator) {
        public Settings {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(readTimeout, "readTimeout");
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
            }
        }

        /** https only (loopback excepted), connect 20 s, read 5 min, 5 attempts, no proxy. */
        public static Settings defaults() {
            return new Settings(false, Duration.ofSeconds(20), Duration.ofMinutes(5), 5, null, null);
        }
    }

    /**
     * A pulled manifest or index.
     *
     * @param bytes the document exactly as the registry sent it
     * @param mediaType its media type
     * @param digest the sha256 of {@code bytes}
     */
    public record Manifest(byte[] bytes, String mediaType, Digest digest) {}

    /** Supplies a fresh stream of a blob's content for each upload attempt. */
    @FunctionalInterface
    public interface IoSupplier<T> {
        T get() throws IOException;
    }

    /**
     * Knobs the tests and manual checks turn; production uses {@link #DEFAULT}.
     *
     * @param httpsFirst false: go straight to http with hosts that may use it (test fakes cannot answer TLS at all)
     */
    record Tuning(
            Duration backoffBase, long monolithicLimit, long chunkSize, boolean chunkWithoutHint, boolean httpsFirst) {
        static final Tuning DEFAULT = new Tuning(Retry.DEFAULT_BASE, MONOLITHIC_LIMIT, DEFAULT_CHUNK, false, true);
    }

    private final String registry;
    private final RegistryHttp http;
    private final Retry retry;
    private final Manifests manifests;
    private final BlobUpload uploads;

    private RegistryClient(String registry, RegistryHttp http, Retry retry, Tuning tuning, BuildLog log) {
        this.registry = registry;
        this.http = http;
        this.retry = retry;
        this.manifests = new Manifests(registry, http, retry);
        this.uploads = new BlobUpload(registry, http, tuning, log);
    }

    /**
     * A client for {@code registry}, as an image reference writes it ({@code host[:port]}); {@code docker.io} and
     * {@code index.docker.io} mean Docker Hub's {@code registry-1.docker.io}. Nothing is sent yet.
     */
    public static RegistryClient create(
            String registry, CredentialProvider credentials, Settings settings, BuildLog log) {
        return create(registry, credentials, settings, log, Tuning.DEFAULT);
    }

    static RegistryClient create(
            String registry, CredentialProvider credentials, Settings settings, BuildLog log, Tuning tuning) {
        String name = registry.toLowerCase(Locale.ROOT).equals("index.docker.io") ? "docker.io" : registry;
        String authority = name.equals("docker.io") ? "registry-1.docker.io" : name;
        RegistryHttp http = new RegistryHttp(name, authority, credentials, settings, log, tuning.httpsFirst());
        return new RegistryClient(
                name, http, new Retry(settings.maxAttempts(), tuning.backoffBase(), log), tuning, log);
    }

    /**
     * Pulls a manifest or index by tag or digest ({@code sha256:...}), accepting OCI and Docker v2 types.
     *
     * @throws RegistryException {@code NOT_FOUND} when there is none; {@code PROTOCOL} when a digest reference does
     *     not match the bytes
     */
    public Manifest getManifest(String repository, String reference) throws IOException {
        return manifests.get(repository, reference);
    }

    /** Asks whether a manifest exists, without pulling it; empty when the registry answers 404. */
    public Optional<Descriptor> headManifest(String repository, String reference) throws IOException {
        return manifests.head(repository, reference);
    }

    /**
     * Asks whether a blob exists in a repository: true on 200, false on 404. A redirect counts as there: registries
     * that serve blobs from storage redirect HEAD too, to a URL signed for GET only.
     */
    public boolean hasBlob(String repository, Digest digest) throws IOException {
        String path = "/v2/" + repository + "/blobs/" + digest;
        Response response = retry.run(
                () -> Failure.expect(
                        http.send(Request.of("HEAD", path, Access.pull(repository))
                                .noRedirects()),
                        "blob " + digest,
                        200,
                        404,
                        301,
                        302,
                        303,
                        307,
                        308),
                "");
        return response.status() != 404;
    }

    /**
     * Pulls a blob into {@code target}, following redirects, resuming after a broken connection. Checks size (when
     * {@code expectedSize >= 0}) and digest at the end; on a mismatch what was written is unusable: write to a
     * temporary file and move it into place after this returns.
     *
     * @return the bytes written
     * @throws RegistryException {@code PROTOCOL} on a size or digest mismatch, {@code NOT_FOUND} when there is none
     */
    public long getBlob(String repository, Digest digest, long expectedSize, OutputStream target) throws IOException {
        String path = "/v2/" + repository + "/blobs/" + digest;
        URI base = retry.run(http::base, "");
        BlobSink sink = new BlobSink(registry, base.resolve(path), digest, expectedSize, target);
        retry.run(
                () -> {
                    Request request =
                            Request.of("GET", path, Access.pull(repository)).sink(sink.attempt());
                    long have = sink.written();
                    return Failure.expect(
                            http.send(have > 0 ? request.header("Range", "bytes=" + have + "-") : request),
                            "blob " + digest,
                            200,
                            206);
                },
                "");
        sink.verify();
        return sink.written();
    }

    /**
     * Mounts a blob from another repository of this registry. True when the registry did (201). False when it opened
     * an upload session instead (202; the session is cancelled) or failed in any other way (logged at debug): the
     * caller then uploads. The token asks for push on {@code repository} and pull on {@code fromRepository}.
     *
     * @throws RegistryException when the registry refused connections earlier in this build (nothing is sent)
     */
    public boolean mountBlob(String repository, Digest digest, String fromRepository) throws IOException {
        retry.failIfRefused();
        return uploads.mount(repository, digest, fromRepository);
    }

    /**
     * Uploads a blob of known digest and size. {@code content} gives a fresh stream for each attempt; a failed attempt
     * starts again from a new upload session, never by sending into the old one. See the class doc for how blobs are
     * cut into requests.
     *
     * @param progress told the bytes sent so far in the current attempt (from 0 again when an attempt restarts), for
     *     blobs over 4 MiB; may be null
     * @return the bytes sent in the successful attempt
     */
    public long uploadBlob(
            String repository, Digest digest, long size, IoSupplier<InputStream> content, LongConsumer progress)
            throws IOException {
        LongConsumer report = size > PROGRESS_THRESHOLD ? progress : null;
        return retry.run(() -> uploads.once(repository, digest, size, content, report), ", from a new upload session");
    }

    /**
     * Pushes a manifest or index under a tag (or its digest, {@code sha256:...}).
     *
     * @return the digest of {@code bytes}
     * @throws RegistryException {@code MANIFEST_REJECTED} when the registry refuses the media type;
     *     {@code PROTOCOL} when the registry reports another digest
     */
    public Digest putManifest(String repository, String tag, byte[] bytes, String mediaType) throws IOException {
        return manifests.put(repository, tag, bytes, mediaType);
    }

    /** Where the credential came from, e.g. {@code settings.xml server '127.0.0.1:5001'}, or {@code anonymous}. */
    public String credentialSource() {
        return http.auth().credentialSource();
    }

    /** The registry as the image reference names it ({@code docker.io} for Docker Hub). */
    public String registry() {
        return registry;
    }

    /** Nothing to release: the JDK 17 HttpClient has no close; its connections end when idle. */
    @Override
    public void close() {}
}
