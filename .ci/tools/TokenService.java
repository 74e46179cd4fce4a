/*
 * TokenService: a tiny Docker registry token service for the integration tests (JDK 17, no dependencies).
 *
 *   java TokenService.java --listen 127.0.0.1:5003 --key KEY.pem --cert CERT.pem --log FILE
 *                          [--issuer NAME] [--service NAME] [--expires-in SECONDS] [--pid-file FILE]
 *
 * It implements the token side of the CNCF distribution "token" auth (docs: spec/auth/token.md, oauth.md, jwt.md,
 * scope.md of the distribution repository):
 *
 *   GET  /token?service=S&scope=repository:NAME:ACTIONS[&scope=...][&offline_token=true]
 *        credentials in "Authorization: Basic" (or none: anonymous)
 *   POST /token  (application/x-www-form-urlencoded, the OAuth2 form)
 *        grant_type=password&username=U&password=P&service=S&scope=SCOPE[ SCOPE...][&access_type=offline]
 *        grant_type=refresh_token&refresh_token=T&service=S&scope=...
 *   GET  /healthz   answers "ok" (not logged; testenv uses it to see the service is up)
 *
 * The answer is {"token": JWT, "access_token": JWT, "expires_in": N, "issued_at": RFC3339[, "scope": ...]
 * [, "refresh_token": T]}. The JWT is RS256-signed with KEY; its header carries "x5c" (the certificate CERT,
 * which the registry's rootcertbundle holds: distribution 2.8 verifies the chain up to that bundle) and "kid"
 * (the libtrust key ID of the key, which 2.8 also accepts for a key of the bundle). Claims: iss, sub, aud (the
 * requested service), exp, nbf, iat, jti, access: [{type, name, actions}].
 *
 * Users (fixed, test only):
 *   dltest   / dltest-secret    pull,push on every repository   (refresh token dltest-refresh-token)
 *   dlreader / dlreader-secret  pull on every repository        (refresh token dlreader-refresh-token)
 *   anonymous                   pull on repositories base/* only; nothing elsewhere (an empty grant, not an error)
 * A wrong password, an unknown user or an unknown refresh token is answered 401. As the spec says, access the user
 * lacks is left out of the token (the registry then answers 401/403), never an error here.
 *
 * Every token request appends one line to the log file (never a password or token):
 *   time=2026-12-01T09:00:00.123Z method=GET status=200 user=dltest grant=basic service=S
 *       requested=repository:it/app:pull,push;repository:base/jre:pull granted=repository:it/app:pull,push;... expires_in=300
 * (one line; lists are ';'-separated, "-" when empty; user=- is anonymous; a refused request has error=WHY.)
 *
 * Note for refresh tests: the 2.8 registry accepts a token up to 60 s past its exp (clock-skew leeway), so with a
 * short --expires-in a client that refreshes on time shows up in this log, not as a 401 from the registry.
 */

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

public class TokenService {

    record User(String password, Set<String> actions, String refreshToken) {
    }

    static final Map<String, User> USERS = Map.of(
            "dltest", new User("dltest-secret", Set.of("pull", "push"), "dltest-refresh-token"),
            "dlreader", new User("dlreader-secret", Set.of("pull"), "dlreader-refresh-token"));

    /** Who asked, and how; user null = anonymous. error non-null = refuse with 401. */
    record Caller(String user, String grant, String error) {
    }

    final PrivateKey key;
    final String headerB64;
    final String issuer;
    final String defaultService;
    final long expiresIn;
    final Path log;
    final SecureRandom random = new SecureRandom();

    TokenService(PrivateKey key, X509Certificate cert, String issuer, String service, long expiresIn, Path log)
            throws Exception {
        this.key = key;
        this.issuer = issuer;
        this.defaultService = service;
        this.expiresIn = expiresIn;
        this.log = log;
        String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":" + json(libtrustKeyId(cert.getPublicKey().getEncoded()))
                + ",\"x5c\":[" + json(Base64.getEncoder().encodeToString(cert.getEncoded())) + "]}";
        this.headerB64 = b64url(header.getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>(Map.of("--issuer", "docker-layer-testenv-token-service",
                "--service", "docker-layer-testenv", "--expires-in", "300"));
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage("bad argument " + args[i]);
            }
            opt.put(args[i], args[++i]);
        }
        for (String required : List.of("--listen", "--key", "--cert", "--log")) {
            if (!opt.containsKey(required)) {
                usage("missing " + required);
            }
        }
        long expiresIn = Long.parseLong(opt.get("--expires-in"));
        if (expiresIn < 1) {
            usage("--expires-in must be at least 1");
        }
        InetSocketAddress listen = hostPort(opt.get("--listen"));
        if (!listen.getAddress().isLoopbackAddress()) {
            usage("--listen must be a loopback address (test tool): " + opt.get("--listen"));
        }
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(Path.of(opt.get("--cert")))) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        TokenService service = new TokenService(readPkcs8(Path.of(opt.get("--key"))), cert, opt.get("--issuer"),
                opt.get("--service"), expiresIn, Path.of(opt.get("--log")));

        HttpServer server = HttpServer.create(listen, 50);
        server.createContext("/", service::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        if (opt.containsKey("--pid-file")) {
            Files.writeString(Path.of(opt.get("--pid-file")), ProcessHandle.current().pid() + "\n");
        }
        System.out.println("TokenService listening on " + opt.get("--listen") + " (issuer " + service.issuer
                + ", default service " + service.defaultService + ", expires_in " + expiresIn + ")");
    }

    static void usage(String why) {
        System.err.println("TokenService: " + why + "\nusage: java TokenService.java --listen HOST:PORT --key KEY.pem"
                + " --cert CERT.pem --log FILE [--issuer NAME] [--service NAME] [--expires-in SECONDS] [--pid-file FILE]");
        System.exit(2);
    }

    static InetSocketAddress hostPort(String s) throws IOException {
        int colon = s.lastIndexOf(':');
        return new InetSocketAddress(InetAddress.getByName(s.substring(0, colon)), Integer.parseInt(s.substring(colon + 1)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // HTTP
    // ---------------------------------------------------------------------------------------------------------

    void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.equals("/healthz")) {
                send(ex, 200, "text/plain", "ok docker-layer-testenv token service\n");
                return;
            }
            if (!path.equals("/token") && !path.equals("/token/")) {
                send(ex, 404, "application/json", "{\"error\":\"not_found\"}");
                return;
            }
            Map<String, List<String>> params;
            if (method.equals("GET")) {
                params = parseForm(ex.getRequestURI().getRawQuery());
            } else if (method.equals("POST")) {
                params = parseForm(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            } else {
                ex.getResponseHeaders().add("Allow", "GET, POST");
                send(ex, 405, "application/json", "{\"error\":\"method_not_allowed\"}");
                return;
            }
            answer(ex, method, params);
        } catch (RuntimeException e) {
            e.printStackTrace();
            send(ex, 500, "application/json", "{\"error\":\"server_error\"}");
        }
    }

    void answer(HttpExchange ex, String method, Map<String, List<String>> params) throws IOException {
        Caller caller = method.equals("POST") ? oauthCaller(params) : basicCaller(ex.getRequestHeaders().getFirst("Authorization"));
        String service = first(params, "service", defaultService);
        List<String> requested = new ArrayList<>();
        for (String scope : params.getOrDefault("scope", List.of())) {
            for (String s : scope.trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    requested.add(s);
                }
            }
        }
        if (caller.error != null) {
            logLine(method, 401, caller, service, requested, List.of(), "error=" + caller.error);
            ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"docker-layer-testenv token service\"");
            send(ex, 401, "application/json", "{\"error\":\"invalid_grant\",\"error_description\":"
                    + json(caller.error.replace('-', ' ')) + ",\"details\":" + json(caller.error) + "}");
            return;
        }
        Map<String, Set<String>> granted = grant(caller.user, requested);
        List<String> grantedScopes = new ArrayList<>();
        StringBuilder access = new StringBuilder();
        granted.forEach((resource, actions) -> {
            int colon = resource.indexOf(':');
            grantedScopes.add(resource + ":" + String.join(",", actions));
            access.append(access.length() == 0 ? "" : ",").append("{\"type\":").append(json(resource.substring(0, colon)))
                    .append(",\"name\":").append(json(resource.substring(colon + 1))).append(",\"actions\":[");
            int i = 0;
            for (String a : actions) {
                access.append(i++ == 0 ? "" : ",").append(json(a));
            }
            access.append("]}");
        });

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] jti = new byte[16];
        random.nextBytes(jti);
        String claims = "{\"iss\":" + json(issuer) + ",\"sub\":" + json(caller.user == null ? "" : caller.user)
                + ",\"aud\":" + json(service) + ",\"exp\":" + (now.getEpochSecond() + expiresIn) + ",\"nbf\":"
                + now.getEpochSecond() + ",\"iat\":" + now.getEpochSecond() + ",\"jti\":" + json(hex(jti))
                + ",\"access\":[" + access + "]}";
        String token = sign(claims);

        StringBuilder body = new StringBuilder("{\"token\":").append(json(token)).append(",\"access_token\":")
                .append(json(token)).append(",\"expires_in\":").append(expiresIn).append(",\"issued_at\":")
                .append(json(now.toString()));
        if (method.equals("POST")) {
            body.append(",\"scope\":").append(json(String.join(" ", grantedScopes)));
        }
        boolean offline = method.equals("POST")
                ? "offline".equals(first(params, "access_type", "")) || "refresh_token".equals(caller.grant)
                : "true".equals(first(params, "offline_token", ""));
        if (offline && caller.user != null) {
            body.append(",\"refresh_token\":").append(json(USERS.get(caller.user).refreshToken()));
        }
        body.append("}");
        logLine(method, 200, caller, service, requested, grantedScopes, "expires_in=" + expiresIn);
        send(ex, 200, "application/json", body.toString());
    }

    /** GET: HTTP Basic or anonymous. */
    static Caller basicCaller(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return new Caller(null, "anonymous", null);
        }
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new Caller(null, "other", "not-basic-auth");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Caller(null, "basic", "malformed-basic-auth");
        }
        int colon = decoded.indexOf(':');
        return password(colon < 0 ? decoded : decoded.substring(0, colon), colon < 0 ? "" : decoded.substring(colon + 1), "basic");
    }

    /** POST: the OAuth2 form (grant_type password or refresh_token). */
    static Caller oauthCaller(Map<String, List<String>> params) {
        String grant = first(params, "grant_type", "");
        switch (grant) {
            case "password":
                return password(first(params, "username", ""), first(params, "password", ""), grant);
            case "refresh_token": {
                String token = first(params, "refresh_token", "");
                for (Map.Entry<String, User> e : USERS.entrySet()) {
                    if (e.getValue().refreshToken().equals(token)) {
                        return new Caller(e.getKey(), grant, null);
                    }
                }
                return new Caller(null, grant, "unknown-refresh-token");
            }
            default:
                return new Caller(null, grant.isEmpty() ? "-" : grant, "unsupported-grant-type");
        }
    }

    static Caller password(String user, String password, String grant) {
        User u = USERS.get(user);
        if (u == null) {
            return new Caller(user, grant, "unknown-user");
        }
        if (!MessageDigest.isEqual(u.password().getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8))) {
            return new Caller(user, grant, "bad-password");
        }
        return new Caller(user, grant, null);
    }

    /** The access a caller gets: requested and allowed (intersection), per "type:name" resource, in request order. */
    static Map<String, Set<String>> grant(String user, List<String> requested) {
        Map<String, Set<String>> granted = new LinkedHashMap<>();
        for (String scope : requested) {
            int first = scope.indexOf(':');
            int last = scope.lastIndexOf(':');
            if (first < 0 || last == first) {
                continue; // not type:name:actions
            }
            String type = scope.substring(0, first);
            String name = scope.substring(first + 1, last);
            if (!type.equals("repository")) {
                continue; // registry:catalog:* and others: nobody gets them
            }
            Set<String> allowed = user != null ? USERS.get(user).actions()
                    : name.startsWith("base/") ? Set.of("pull") : Set.of();
            Set<String> actions = new LinkedHashSet<>();
            for (String action : scope.substring(last + 1).split(",")) {
                if (action.equals("*")) {
                    allowed.stream().sorted().forEach(actions::add);
                } else if (allowed.contains(action)) {
                    actions.add(action);
                }
            }
            if (!actions.isEmpty()) {
                granted.computeIfAbsent(type + ":" + name, k -> new LinkedHashSet<>()).addAll(actions);
            }
        }
        return granted;
    }

    static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    synchronized void logLine(String method, int status, Caller caller, String service, List<String> requested,
                              List<String> granted, String extra) {
        String line = "time=" + Instant.now().truncatedTo(ChronoUnit.MILLIS) + " method=" + method + " status=" + status
                + " user=" + clean(caller.user == null ? "-" : caller.user) + " grant=" + clean(caller.grant)
                + " service=" + clean(service) + " requested=" + list(requested) + " granted=" + list(granted)
                + " " + extra + "\n";
        try {
            Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String list(List<String> items) {
        return items.isEmpty() ? "-" : clean(String.join(";", items));
    }

    /** No spaces or control characters in a log field. */
    static String clean(String s) {
        return s.isEmpty() ? "-" : s.replaceAll("[\\s\\p{Cntrl}]", "_");
    }

    static String first(Map<String, List<String>> params, String name, String otherwise) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? otherwise : values.get(0);
    }

    static Map<String, List<String>> parseForm(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    // ---------------------------------------------------------------------------------------------------------
    // JWT
    // ---------------------------------------------------------------------------------------------------------

    String sign(String claims) {
        try {
            String input = headerB64 + "." + b64url(claims.getBytes(StandardCharsets.UTF_8));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64url(rs256.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    static PrivateKey readPkcs8(Path pem) throws Exception {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException(pem + " is not a PKCS#8 PEM key (BEGIN PRIVATE KEY); make it with openssl genpkey");
        }
        String b64 = text.substring(text.indexOf("-----BEGIN PRIVATE KEY-----") + 27, text.indexOf("-----END PRIVATE KEY-----"));
        byte[] der = Base64.getMimeDecoder().decode(b64);
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /**
     * The libtrust key ID of a public key (what distribution 2.8 matches "kid" against): SHA-256 of the DER
     * SubjectPublicKeyInfo, first 240 bits, base32 (48 characters), in 12 groups of 4 joined by ':'.
     */
    static String libtrustKeyId(byte[] spki) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(spki);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder b32 = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < 30; i++) {
            buffer = (buffer << 8) | (hash[i] & 0xff);
            bits += 8;
            while (bits >= 5) {
                b32.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < b32.length(); i += 4) {
            id.append(i == 0 ? "" : ":").append(b32, i, i + 4);
        }
        return id.toString();
    }

    static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }

    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
