package io.github.dockerlayer.registry;

import io.github.dockerlayer.image.Descriptor;
import io.github.dockerlayer.image.Digest;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.image.MediaType;
import io.github.dockerlayer.registry.RegistryHttp.Access;
import io.github.dockerlayer.registry.RegistryHttp.Request;
import io.github.dockerlayer.registry.RegistryHttp.Response;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Manifests and indexes in one registry, by tag or digest: pull (OCI and Docker v2 types, checked against a digest
 * reference), ask whether one exists, push under a tag. Each operation is retried whole through {@link Retry}.
 */
final class Manifests {
    private static final String ACCEPT = String.join(
            ", ",
            MediaType.OCI_INDEX,
            MediaType.OCI_MANIFEST,
            MediaType.DOCKER_MANIFEST_LIST,
            MediaType.DOCKER_MANIFEST);

    private final String registry;
    private final RegistryHttp http;
    private final Retry retry;

    Manifests(String registry, RegistryHttp http, Retry retry) {
        this.registry = registry;
        this.http = http;
        this.retry = retry;
    }

    /**
     * Pulls a manifest or index by tag or digest ({@code sha256:...}), accepting OCI and Docker v2 types.
     *
     * @throws RegistryException {@code NOT_FOUND} when there is none; {@code PROTOCOL} when a digest reference does
     *     not match the bytes
     */
    RegistryClient.Manifest get(String repository, String reference) throws IOException {
        String path = "/v2/" + repository + "/manifests/" + reference;
        Response response = retry.run(
                () -> Failure.expect(
                        http.send(Request.of("GET", path, Access.pull(repository))
                                .header("Accept", ACCEPT)
                                .limit(RegistryClient.MANIFEST_LIMIT)),
                        "manifest " + repository + ":" + reference,
                        200),
                "");
        byte[] bytes = response.body();
        Digest digest = Digest.sha256(bytes);
        if (reference.startsWith("sha256:") && !digest.toString().equals(reference)) {
            throw new RegistryException(
                    RegistryException.Kind.PROTOCOL,
                    "the manifest " + repository + "@" + reference + " from " + registry + " has digest " + digest
                            + ": it is not the manifest asked for",
                    registry,
                    "GET",
                    response.uri(),
                    false,
                    null);
        }
        return new RegistryClient.Manifest(bytes, mediaType(response.header("Content-Type"), bytes), digest);
    }

    /** Asks whether a manifest exists, without pulling it; empty when the registry answers 404. */
    Optional<Descriptor> head(String repository, String reference) throws IOException {
        String path = "/v2/" + repository + "/manifests/" + reference;
        Response response = retry.run(
                () -> Failure.expect(
                        http.send(Request.of("HEAD", path, Access.pull(repository))
                                .header("Accept", ACCEPT)),
                        "manifest " + repository + ":" + reference,
                        200,
                        404),
                "");
        if (response.status() == 404) {
            return Optional.empty();
        }
        String digest = response.header("Docker-Content-Digest");
        if (digest == null) {
            if (!reference.startsWith("sha256:")) {
                RegistryClient.Manifest manifest = get(repository, reference); // old registries omit the header
                return Optional.of(new Descriptor(manifest.mediaType(), manifest.digest(), manifest.bytes().length));
            }
            digest = reference;
        }
        long size = response.header("Content-Length") == null ? -1 : response.number("Content-Length");
        return Optional.of(
                new Descriptor(baseType(response.header("Content-Type")), parseDigest(response, digest), size));
    }

    /**
     * Pushes a manifest or index under a tag (or its digest, {@code sha256:...}).
     *
     * @return the digest of {@code bytes}
     * @throws RegistryException {@code MANIFEST_REJECTED} when the registry refuses the media type;
     *     {@code PROTOCOL} when the registry reports another digest
     */
    Digest put(String repository, String tag, byte[] bytes, String mediaType) throws IOException {
        Digest digest = Digest.sha256(bytes);
        String path = "/v2/" + repository + "/manifests/" + tag;
        Response response = retry.run(
                () -> {
                    Response r = http.send(Request.of("PUT", path, Access.push(repository))
                            .header("Content-Type", mediaType)
                            .body(RegistryHttp.Body.of(bytes)));
                    List<String> codes =
                            r.errors().stream().map(e -> e.split(":", 2)[0]).toList();
                    if ((r.status() == 400 || r.status() == 415)
                            && (r.status() == 415
                                    || codes.contains("MANIFEST_INVALID")
                                    || codes.contains("UNSUPPORTED"))) {
                        throw Failure.of(
                                r,
                                RegistryException.Kind.MANIFEST_REJECTED,
                                registry + " does not accept the "
                                        + mediaType + " manifest for " + repository + ":" + tag
                                        + ". This plugin pushes OCI manifests;"
                                        + " registries older than distribution 2.7 and some proxies refuse them");
                    }
                    return Failure.expect(r, "manifest " + repository + ":" + tag, 200, 201, 202);
                },
                "");
        String reported = response.header("Docker-Content-Digest");
        if (reported != null && !reported.equals(digest.toString())) {
            throw new RegistryException(
                    RegistryException.Kind.PROTOCOL,
                    registry + " stored the manifest for "
                            + repository + ":" + tag + " as " + reported + ", but its bytes have digest " + digest
                            + ": the registry or a proxy changed it",
                    registry,
                    "PUT",
                    response.uri(),
                    false,
                    null);
        }
        return digest;
    }

    /** Content-Type without parameters; when absent or generic JSON, the document's own mediaType field. */
    private static String mediaType(String contentType, byte[] bytes) throws IOException {
        String type = baseType(contentType);
        if (type != null && !type.equals("application/json") && !type.equals("text/plain")) {
            return type;
        }
        var document = Json.parseObject(bytes, "the manifest");
        if (document.hasNonNull("mediaType")) {
            return document.get("mediaType").asText();
        }
        return document.has("manifests") ? MediaType.OCI_INDEX : MediaType.OCI_MANIFEST;
    }

    private static String baseType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    }

    private Digest parseDigest(Response response, String text) throws RegistryException {
        try {
            return Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(
                    RegistryException.Kind.PROTOCOL,
                    registry + " sent an unusable digest '" + text + "'",
                    registry,
                    response.method(),
                    response.uri(),
                    false,
                    e);
        }
    }
}
