package io.github.dockerlayer.registry;

import io.github.dockerlayer.registry.RegistryHttp.Response;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLHandshakeException;

/**
 * What kind of failure an unexpected answer or a failed exchange is, and whether another attempt may help: an HTTP
 * status becomes a {@link RegistryException} kind (408, 429 and 5xx retryable, honouring {@code Retry-After}); a
 * failed connection is retryable unless it is about our own file, TLS, an unknown host or an interrupt.
 */
final class Failure {
    private Failure() {}

    /** A failure for an unexpected response; 408, 429 and 5xx are retryable, honouring {@code Retry-After}. */
    static RegistryException of(Response response, RegistryException.Kind kind, String explanation) {
        int status = response.status();
        boolean retryable = Retry.RETRYABLE_STATUSES.contains(status);
        return new RegistryException(
                retryable ? RegistryException.Kind.UNAVAILABLE : kind,
                explanation,
                response,
                retryable,
                Retry.parseRetryAfter(response.header("Retry-After")));
    }

    /**
     * A failure for a response whose kind and retryability the caller knows, whatever its status (a refused login, a
     * lost upload session); no {@code Retry-After}.
     */
    static RegistryException of(Response response, RegistryException.Kind kind, String explanation, boolean retryable) {
        return new RegistryException(kind, explanation, response, retryable, -1);
    }

    /** A failure whose kind follows from the status: 401, 403, 404, 5xx, else {@code PROTOCOL}. */
    static RegistryException of(Response response, String explanation) {
        RegistryException.Kind kind = switch (response.status()) {
            case 401 -> RegistryException.Kind.UNAUTHORIZED;
            case 403 -> RegistryException.Kind.DENIED;
            case 404 -> RegistryException.Kind.NOT_FOUND;
            default -> RegistryException.Kind.PROTOCOL;
        };
        return of(response, kind, explanation);
    }

    /**
     * {@code response} when its status is one of {@code statuses}; else the failure {@link #of(Response, String)}
     * makes, saying {@code what} was not found or what the registry answered.
     */
    static Response expect(Response response, String what, int... statuses) throws RegistryException {
        for (int status : statuses) {
            if (response.status() == status) {
                return response;
            }
        }
        String explanation = response.status() == 404
                ? what + " not found on " + response.registry()
                : response.registry() + " answered " + response.status() + " for " + what;
        throw of(response, explanation);
    }

    /**
     * Which failures another attempt may cure: not our own file, not TLS, not an unknown host, not an interrupt. A
     * {@link LocalIOException} or {@link RegistryException} (also as a cause) is returned as it is; an interrupt too.
     */
    static IOException classify(IOException e, String registry, String method, URI uri) {
        LocalIOException local = LocalIOException.in(e);
        if (local != null) {
            return local;
        }
        if (e instanceof RegistryException) {
            return e;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof RegistryException registryFailure) {
                return registryFailure;
            }
        }
        String host = uri.getHost();
        if (e instanceof SSLHandshakeException) {
            return new RegistryException(
                    RegistryException.Kind.UNAVAILABLE,
                    "TLS handshake with " + host + " failed: " + e.getMessage(),
                    registry,
                    method,
                    uri,
                    false,
                    e);
        }
        if (e instanceof UnknownHostException) {
            return new RegistryException(
                    RegistryException.Kind.UNAVAILABLE,
                    "unknown host " + host + ": check the image reference and the DNS or proxy settings",
                    registry,
                    method,
                    uri,
                    false,
                    e);
        }
        if (e instanceof InterruptedIOException
                && !(e instanceof HttpTimeoutException)
                && !(e instanceof java.net.SocketTimeoutException)) {
            return e;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return new RegistryException(
                        RegistryException.Kind.UNAVAILABLE,
                        "nothing answers at " + host + ":"
                                + (uri.getPort() < 0 ? ("https".equals(uri.getScheme()) ? 443 : 80) : uri.getPort())
                                + " (connection refused): check the registry host and port in the image reference, and that"
                                + " the registry is running",
                        registry,
                        method,
                        uri,
                        true,
                        e);
            }
        }
        return new RegistryException(
                RegistryException.Kind.UNAVAILABLE,
                "the connection to " + host + " failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()),
                registry,
                method,
                uri,
                true,
                e);
    }
}
