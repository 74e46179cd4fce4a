package io.github.dockerlayer.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerlayer.image.Json;
import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.registry.RegistryHttp.Access;
import io.github.dockerlayer.registry.RegistryHttp.Request;
import io.github.dockerlayer.registry.RegistryHttp.Response;
import io.github.dockerlayer.registry.credentials.Credential;
import io.github.dockerlayer.registry.credentials.CredentialProvider;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry's authorization, as its challenges ask: none, Basic with the credential, or Bearer tokens from the
 * challenge's realm (Docker's token spec: GET with Basic auth, or the OAuth2 refresh_token POST for identity tokens).
 * The credential is looked up once, and only when a challenge asks for one. Tokens are cached per scope set until
 * shortly before they expire. No secret or token ever goes into a message or a log line.
 */
final class RegistryAuth {
    static final String CLIENT_ID = "docker-layer-maven-plugin";

    private record Token(String value, long expiresAtNanos) {}

    private final String registry;
    private final CredentialProvider provider;
    private final RegistryHttp http;
    private final BuildLog log;
    private final Map<List<String>, Token> tokens = new ConcurrentHashMap<>();
    private final Object lookupLock = new Object();
    private volatile Challenge challenge;
    private volatile boolean looked;
    private volatile Credential credential;

    RegistryAuth(String registry, CredentialProvider provider, RegistryHttp http, BuildLog log) {
        this.registry = registry;
        this.provider = provider;
        this.http = http;
        this.log = log;
    }

    /** Where the credential came from, or {@code anonymous}. */
    String credentialSource() {
        Credential c = credential;
        return c == null ? "anonymous" : c.source();
    }

    /** Notes the registry's challenge (from the first, anonymous request) so later requests authenticate at once. */
    void learn(Challenge c) {
        if (c != null) {
            challenge = c;
        }
    }

    /** The {@code Authorization} value for a request needing {@code access}, or null (anonymous). */
    String authorization(Access access) throws IOException {
        Challenge c = challenge;
        if (c == null) {
            return null;
        }
        if (c.isBearer()) {
            return "Bearer " + token(c, access, List.of());
        }
        Credential cred = c.isBasic() ? credential() : null;
        return cred == null ? null : basic(cred.username(), cred.secret());
    }

    /**
     * Answers a 401 to a request that sent {@code sent} (null: none): afterwards the request is sent once more. Throws
     * when there is nothing better to send: no credential, or Basic credentials that were just refused.
     */
    void renew(Response response, Access access, String sent) throws IOException {
        Challenge c = Challenge.choose(response.headers().allValues("WWW-Authenticate"));
        if (c == null) {
            throw Failure.of(
                    response,
                    RegistryException.Kind.UNAUTHORIZED,
                    registry + " answered 401 without a" + " Basic or Bearer challenge this client can answer",
                    false);
        }
        challenge = c;
        if (c.isBasic()) {
            if ((sent != null && sent.startsWith("Basic ")) || credential() == null) {
                throw unauthorized(response, access);
            }
            return;
        }
        if (sent != null && sent.startsWith("Bearer ")) {
            String old = sent.substring("Bearer ".length());
            tokens.computeIfPresent(access.scopes(), (k, t) -> t.value().equals(old) ? null : t);
        }
        token(c, access, c.scopes());
    }

    /** The failure for a 401 that authenticating did not cure. */
    RegistryException unauthorized(Response response, Access access) {
        Challenge c = Challenge.choose(response.headers().allValues("WWW-Authenticate"));
        Credential cred = credential;
        if (cred != null && c != null && "insufficient_scope".equals(c.error())) {
            return denied(response, access);
        }
        String explanation = cred == null ? noCredentials(access) : rejected(cred, access);
        return Failure.of(response, RegistryException.Kind.UNAUTHORIZED, explanation, false);
    }

    /** The failure for a 403: authenticated (or anonymous), but not allowed to do this to this repository. */
    RegistryException denied(Response response, Access access) {
        Credential cred = credential;
        String who = cred == null ? "anonymous access" : "the credentials from " + cred.source() + user(cred);
        String explanation = registry + " denied " + access.action() + " access to repository '" + access.repository()
                + "' for " + who + ": the login worked, but it has no permission to " + access.action() + " there."
                + " Check the repository name, and that this account may " + access.action() + " it"
                + (cred == null
                        ? "; no credentials were found for '" + registry + "' (looked in " + places() + ")"
                        : "");
        return Failure.of(response, RegistryException.Kind.DENIED, explanation, false);
    }

    private String noCredentials(Access access) {
        return registry + " requires a login to " + access.action() + " '" + access.repository() + "', and no"
                + " credentials were found for '" + registry + "'. Looked in: " + places()
                + ". Add a <server> with id '"
                + registry + "' (the registry host[:port] as the image reference writes it) to settings.xml, or log in"
                + " with docker login or podman login";
    }

    private String rejected(Credential cred, Access access) {
        return registry + " rejected the credentials from " + cred.source() + user(cred) + " to " + access.action()
                + " '" + access.repository() + "': the user name or password is wrong, or the token expired. Fix them"
                + " there, or put the right ones in settings.xml as a <server> with id '" + registry + "' (the"
                + " registry host[:port] as the image reference writes it)";
    }

    private String places() {
        return "settings.xml <server> with id '" + registry + "', $DOCKER_CONFIG/config.json or ~/.docker/config.json,"
                + " Podman's auth.json";
    }

    private static String user(Credential cred) {
        return cred.isIdentityToken() ? " (an identity token)" : " (user '" + cred.username() + "')";
    }

    /** The credential, looked up on first use only. */
    private Credential credential() throws IOException {
        if (!looked) {
            synchronized (lookupLock) {
                if (!looked) {
                    credential = provider.find(registry);
                    looked = true;
                    log.info(
                            credential == null
                                    ? "No credentials for " + registry + " found: anonymous access"
                                    : "Credentials for " + registry + " from " + credential.source());
                }
            }
        }
        return credential;
    }

    /** A cached token for {@code access}, or a new one asking also for {@code extraScopes} (a challenge's). */
    private String token(Challenge c, Access access, List<String> extraScopes) throws IOException {
        List<String> scopes = new ArrayList<>();
        for (String scope : extraScopes) {
            if (!access.scopes().contains(scope)) {
                scopes.add(scope); // first: some token servers read only the first scope
            }
        }
        Token cached = tokens.get(access.scopes());
        if (cached != null && scopes.isEmpty() && System.nanoTime() - cached.expiresAtNanos() < 0) {
            return cached.value();
        }
        synchronized (this) {
            cached = tokens.get(access.scopes());
            if (cached != null && scopes.isEmpty() && System.nanoTime() - cached.expiresAtNanos() < 0) {
                return cached.value(); // another thread just fetched it
            }
            scopes.addAll(access.scopes());
            Token fresh = fetch(c, access, scopes);
            tokens.put(access.scopes(), fresh);
            return fresh.value();
        }
    }

    private Token fetch(Challenge c, Access access, List<String> scopes) throws IOException {
        Credential cred = credential();
        URI realm;
        try {
            realm = URI.create(c.realm());
        } catch (IllegalArgumentException e) {
            realm = null;
        }
        if (realm == null
                || realm.getHost() == null
                || !(realm.getScheme().equals("https")
                        || realm.getScheme().equals("http") && http.plainHttpAllowed(realm.getHost()))) {
            throw new RegistryException(
                    RegistryException.Kind.PROTOCOL,
                    registry + " names a token server this"
                            + " client will not use: realm '" + c.realm()
                            + "' (https is required unless the host is loopback"
                            + " or allowInsecureRegistries is set)",
                    registry,
                    null,
                    null,
                    false,
                    null);
        }
        long start = System.nanoTime();
        Response response = null;
        if (cred != null && cred.isIdentityToken()) {
            response = http.send(oauthRequest(realm, c.service(), scopes, cred.secret()));
            if (response.status() == 404 || response.status() == 405) {
                response = null; // no OAuth2 endpoint: the GET below, with the token as password
            }
        }
        if (response == null) {
            StringBuilder url = new StringBuilder(c.realm()).append(realm.getRawQuery() == null ? '?' : '&');
            if (c.service() != null) {
                url.append("service=").append(encode(c.service())).append('&');
            }
            for (String scope : scopes) {
                url.append("scope=").append(encode(scope)).append('&');
            }
            url.setLength(url.length() - 1);
            Request get = Request.of("GET", url.toString(), null);
            response = http.send(cred == null ? get : get.authorization(basic(cred.username(), cred.secret())));
        }
        return parse(response, access, start);
    }

    private static Request oauthRequest(URI realm, String service, List<String> scopes, String refreshToken) {
        String form = "grant_type=refresh_token&refresh_token=" + encode(refreshToken)
                + (service == null ? "" : "&service=" + encode(service))
                + "&scope=" + encode(String.join(" ", scopes)) + "&client_id=" + encode(CLIENT_ID);
        return Request.of("POST", realm.toString(), null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(RegistryHttp.Body.of(form.getBytes(StandardCharsets.UTF_8)));
    }

    private Token parse(Response response, Access access, long start) throws IOException {
        if (response.status() == 401) {
            throw unauthorized(response, access);
        }
        if (response.status() == 403) {
            throw denied(response, access);
        }
        if (response.status() != 200) {
            throw Failure.of(response, "the token server of " + registry + " answered " + response.status());
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        String token = json == null ? "" : json.path("token").asText("");
        if (token.isEmpty() && json != null) {
            token = json.path("access_token").asText(""); // OAuth2 servers, and some others, name it so
        }
        if (token.isEmpty()) {
            throw Failure.of(
                    response,
                    RegistryException.Kind.PROTOCOL,
                    "the token server of " + registry + " answered without a token");
        }
        long seconds = json.path("expires_in").asLong(60);
        long lifetimeNanos = Math.max(1, seconds) * 900_000_000L; // 90 %: renew before the registry refuses it
        return new Token(token, start + lifetimeNanos);
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
