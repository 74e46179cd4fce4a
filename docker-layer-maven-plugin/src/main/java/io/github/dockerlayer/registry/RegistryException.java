package io.github.dockerlayer.registry;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * A registry request that failed. The message says what failed and what to do, then names the request: method, a
 * redacted URL, the HTTP status and the registry's error codes ({@code errors[].code} and {@code message} of the
 * distribution spec's error body). The message never holds a password, an identity token, a Bearer token or an
 * {@code Authorization} header.
 *
 * <p>The URL keeps scheme, host, port and path; of the query it keeps the values of {@code digest}, {@code mount},
 * {@code from}, {@code scope} and {@code service} and replaces every other value by {@code …}: upload session state
 * ({@code _state}) and storage signatures ({@code X-Amz-Signature}, ...) travel there.
 */
public class RegistryException extends IOException {
    private static final long serialVersionUID = 1L;
    private static final Set<String> SHOWN_QUERY_PARAMS = Set.of("digest", "mount", "from", "scope", "service");

    /** What kind of failure, for callers that react differently (a missing manifest versus a refused login). */
    public enum Kind {
        /** 401: no credentials were found, or the registry or its token server rejected them. */
        UNAUTHORIZED,
        /** 403, or a token without the asked access: logged in, but no permission for the repository and action. */
        DENIED,
        /** 404: the repository, manifest or blob does not exist. */
        NOT_FOUND,
        /** The registry refused a manifest, typically for its media type. */
        MANIFEST_REJECTED,
        /** The registry could not be reached or kept failing (5xx, 429, timeouts, resets), after all attempts. */
        UNAVAILABLE,
        /** An answer this client cannot accept: a wrong digest or size, a missing header, an unexpected status. */
        PROTOCOL
    }

    private final Kind kind;
    private final String explanation;
    private final String registry;
    private final String method;
    private final String url;
    private final int status;
    private final List<String> errors;
    private final List<String> errorCodes;
    private final boolean retryable;
    private final long retryAfterMillis;

    /**
     * A failure for a response: names its method, redacted URL, status and the registry's error entries, whose codes
     * become {@link #errorCodes()}.
     *
     * @param explanation what failed and what to do, in a sentence
     * @param retryable whether another attempt may succeed (5xx, 429, a lost upload session)
     * @param retryAfterMillis the registry's {@code Retry-After}, or -1
     */
    RegistryException(
            Kind kind, String explanation, RegistryHttp.Response response, boolean retryable, long retryAfterMillis) {
        this(
                kind,
                explanation,
                response.registry(),
                response.method(),
                redact(response.uri()),
                response.status(),
                response.errors(),
                retryable,
                retryAfterMillis,
                null);
    }

    /**
     * A failure without a response: the connection failed, or a local check of what the registry sent failed.
     *
     * @param uri the request's URL, shown redacted; null when the failure is not about one request
     * @param retryable whether another attempt may succeed (a reset connection)
     */
    RegistryException(
            Kind kind,
            String explanation,
            String registry,
            String method,
            URI uri,
            boolean retryable,
            Throwable cause) {
        this(kind, explanation, registry, method, uri == null ? null : redact(uri), 0, List.of(), retryable, -1, cause);
    }

    /** The same request's failure, said anew: after the last attempt, or with a better explanation. */
    RegistryException(RegistryException last, Kind kind, String explanation) {
        this(kind, explanation, last.registry, last.method, last.url, last.status, last.errors, false, -1, last);
    }

    private RegistryException(
            Kind kind,
            String explanation,
            String registry,
            String method,
            String url,
            int status,
            List<String> errors,
            boolean retryable,
            long retryAfterMillis,
            Throwable cause) {
        super(explanation + describe(method, url, status, errors), cause);
        this.kind = kind;
        this.explanation = explanation;
        this.registry = registry;
        this.method = method;
        this.url = url;
        this.status = status;
        this.errors = List.copyOf(errors);
        this.errorCodes = errors.stream().map(e -> e.split(":", 2)[0]).toList();
        this.retryable = retryable;
        this.retryAfterMillis = retryAfterMillis;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status of the failed response, or 0 when none came (connection failure, local check). */
    public int status() {
        return status;
    }

    /** The HTTP method of the failed request, or null. */
    public String method() {
        return method;
    }

    /** The redacted URL of the failed request, or null. */
    public String url() {
        return url;
    }

    /** The registry's error codes, e.g. {@code MANIFEST_INVALID}; empty when its body had none. */
    public List<String> errorCodes() {
        return errorCodes;
    }

    /** The registry as the image reference names it, e.g. {@code docker.io} or {@code 127.0.0.1:5001}. */
    public String registry() {
        return registry;
    }

    boolean retryable() {
        return retryable;
    }

    /** Whether the connection was refused: nothing listens at the registry's address (a wrong port, a stopped registry). */
    boolean refused() {
        if (status > 0) {
            return false;
        }
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The same failure, final (not retryable) and without a cause: its explanation already says what the causes
     * would, and a caller that prints every cause's message (Maven does) then prints it once. Each call makes a new
     * exception, so that a failure told again carries its caller's stack.
     */
    RegistryException settled() {
        return new RegistryException(kind, explanation, registry, method, url, status, errors, false, -1, null);
    }

    long retryAfterMillis() {
        return retryAfterMillis;
    }

    /** What failed and what to do, without the request's description. */
    String explanation() {
        return explanation;
    }

    /** Why the attempt failed, short, for the retry log line: {@code 503} or {@code connection refused}. */
    String shortReason() {
        if (status > 0) {
            return String.valueOf(status);
        }
        if (refused()) {
            return "connection refused";
        }
        Throwable cause = getCause() == null ? this : getCause();
        String text = cause.getMessage();
        return cause.getClass().getSimpleName() + (text == null ? "" : ": " + text);
    }

    /** The URL without user info, fragment and query values that may carry secrets or state. */
    static String redact(URI uri) {
        StringBuilder out = new StringBuilder();
        if (uri.getScheme() != null) {
            out.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            out.append(uri.getHost());
            if (uri.getPort() >= 0) {
                out.append(':').append(uri.getPort());
            }
        }
        out.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            out.append('?');
            String[] params = query.split("&");
            for (int i = 0; i < params.length; i++) {
                int eq = params[i].indexOf('=');
                String name = eq < 0 ? params[i] : params[i].substring(0, eq);
                out.append(i == 0 ? "" : "&").append(name);
                if (eq >= 0) {
                    out.append('=').append(SHOWN_QUERY_PARAMS.contains(name) ? params[i].substring(eq + 1) : "…");
                }
            }
        }
        return out.toString();
    }

    private static String describe(String method, String url, int status, List<String> errors) {
        if (method == null || url == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(" (").append(method).append(' ').append(url);
        if (status > 0) {
            out.append(": ").append(status);
        }
        if (!errors.isEmpty()) {
            out.append(", ").append(String.join("; ", errors));
        }
        return out.append(')').toString();
    }
}
