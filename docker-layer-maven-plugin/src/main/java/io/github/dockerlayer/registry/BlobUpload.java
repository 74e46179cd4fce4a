package io.github.dockerlayer.registry;

import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.registry.RegistryHttp.Access;
import io.github.dockerlayer.registry.RegistryHttp.Request;
import io.github.dockerlayer.registry.RegistryHttp.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Blob uploads to one registry: a mount from another repository, or an upload session ({@code POST}, then one
 * {@code PUT}, or {@code PATCH} chunks and a closing {@code PUT}), cancelled when it fails. One call is one attempt;
 * {@link RegistryClient} retries whole attempts, each from a new session.
 */
final class BlobUpload {
    private static final String OCTET_STREAM = "application/octet-stream";

    private final String registry;
    private final RegistryHttp http;
    private final RegistryClient.Tuning tuning;
    private final BuildLog log;

    BlobUpload(String registry, RegistryHttp http, RegistryClient.Tuning tuning, BuildLog log) {
        this.registry = registry;
        this.http = http;
        this.tuning = tuning;
        this.log = log;
    }

    /**
     * Mounts a blob from another repository of this registry. True when the registry did (201). False when it opened
     * an upload session instead (202; the session is cancelled) or failed in any other way (logged at debug): the
     * caller then uploads. The token asks for push on {@code repository} and pull on {@code fromRepository}.
     */
    boolean mount(String repository, Digest digest, String fromRepository) throws IOException {
        Access access = new Access(
                repository,
                "push",
                List.of("repository:" + repository + ":pull,push", "repository:" + fromRepository + ":pull"));
        String path = "/v2/" + repository + "/blobs/uploads/?mount=" + encode(digest.toString()) + "&from="
                + encode(fromRepository);
        try {
            Response response = http.send(Request.of("POST", path, access).body(RegistryHttp.Body.of(new byte[0])));
            if (response.status() == 201) {
                return true;
            }
            if (response.status() == 202) {
                log.debug(registry + " did not mount " + digest.toShortString() + " from " + fromRepository + " into "
                        + repository + ", it opened an upload session instead");
                cancel(response.location(), access);
            } else {
                log.debug("mounting " + digest.toShortString() + " from " + fromRepository + " into " + repository
                        + " on " + registry + ": answered " + response.status());
            }
        } catch (RegistryException e) {
            log.debug("mounting " + digest.toShortString() + " from " + fromRepository + " into " + repository
                    + " failed: " + e.getMessage());
        }
        return false;
    }

    /**
     * One upload attempt from a new session: POST, then one PUT, or PATCH chunks and a closing PUT; the session is
     * cancelled when the attempt fails.
     *
     * @return the bytes sent
     */
    long once(
            String repository,
            Digest digest,
            long size,
            RegistryClient.IoSupplier<InputStream> content,
            LongConsumer progress)
            throws IOException {
        Access access = Access.push(repository);
        Response start = Failure.expect(
                http.send(Request.of("POST", "/v2/" + repository + "/blobs/uploads/", access)
                        .body(RegistryHttp.Body.of(new byte[0]))),
                "upload of " + digest.toShortString(),
                202);
        URI location = required(start);
        long hint = start.number("OCI-Chunk-Min-Length");
        long chunk = Math.max(hint, tuning.chunkSize());
        boolean chunked = size > tuning.monolithicLimit() && chunk < size && (hint > 0 || tuning.chunkWithoutHint());
        try (UploadContent source = new UploadContent(content, size, progress)) {
            if (!chunked) {
                expect(
                        session(Request.of("PUT", withDigest(location, digest), access)
                                .header("Content-Type", OCTET_STREAM)
                                .body(source.slice(0, size))),
                        digest,
                        201);
                return size;
            }
            for (long offset = 0; offset < size; offset += chunk) {
                long n = Math.min(chunk, size - offset);
                Response patch = expect(
                        session(Request.of("PATCH", location.toString(), access)
                                .header("Content-Type", OCTET_STREAM)
                                .header("Content-Range", offset + "-" + (offset + n - 1))
                                .body(source.slice(offset, n))),
                        digest,
                        202);
                String range = patch.header("Range");
                if (range != null && !range.matches("(bytes=)?0-" + (offset + n - 1))) {
                    throw new RegistryException(
                            RegistryException.Kind.PROTOCOL,
                            registry + " acknowledged range '" + range + "' after bytes 0-" + (offset + n - 1) + " of "
                                    + digest,
                            registry,
                            "PATCH",
                            patch.uri(),
                            true,
                            null);
                }
                location = patch.location() == null ? location : patch.location();
            }
            expect(session(Request.of("PUT", withDigest(location, digest), access)), digest, 201);
            return size;
        } catch (IOException e) {
            cancel(location, access);
            throw e;
        }
    }

    /** Sends a request to an upload session; 404 (session gone) and 416 (range refused) mean: start over. */
    private Response session(Request request) throws IOException {
        Response response = http.send(request);
        if (response.status() == 404 || response.status() == 416) {
            throw Failure.of(
                    response,
                    RegistryException.Kind.PROTOCOL,
                    registry + " lost or refused the upload" + " session",
                    true);
        }
        return response;
    }

    private static Response expect(Response response, Digest digest, int status) throws RegistryException {
        return Failure.expect(response, "upload of " + digest.toShortString(), status);
    }

    private URI required(Response response) throws RegistryException {
        URI location = response.location();
        if (location == null) {
            throw Failure.of(
                    response,
                    RegistryException.Kind.PROTOCOL,
                    registry + " opened an upload session" + " without a Location header");
        }
        return location;
    }

    /** Cancels an upload session, best effort: the registry forgets it anyway after a while. */
    private void cancel(URI session, Access access) {
        if (session == null) {
            return;
        }
        try {
            http.send(Request.of("DELETE", session.toString(), access));
        } catch (IOException e) {
            log.debug("cancelling an upload session on " + registry + " failed: " + e.getMessage());
        }
    }

    private static String withDigest(URI location, Digest digest) {
        String url = location.toString();
        return url + (location.getRawQuery() == null ? "?" : "&") + "digest=" + encode(digest.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
