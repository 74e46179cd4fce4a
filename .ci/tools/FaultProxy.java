/*
 * FaultProxy: an HTTP/1.1-aware TCP proxy that injects registry faults, for the integration tests (JDK 17, no
 * dependencies).
 *
 *   java FaultProxy.java --listen 127.0.0.1:PORT --target 127.0.0.1:5000 --plan PLAN --log FILE
 *                        [--pid-file FILE] [--exit-with-parent] [--max-seconds N]
 *
 * It forwards each request of each client connection to the target, byte for byte (keep-alive connections carry
 * several requests; request and response bodies with Content-Length, "Transfer-Encoding: chunked", or a response
 * read to EOF; "Expect: 100-continue" and other 1xx answers pass through). It rewrites nothing but an absolute
 * Location header that names the target (http://TARGET/...), which it points at the proxy so the client stays on
 * it. Both addresses must be loopback.
 *
 * PLAN grammar (no spaces; "none" or "" forwards everything untouched):
 *
 *   PLAN   := RULE ("," RULE)*
 *   RULE   := KIND ["@" MATCH] [":" ARG]
 *   MATCH  := METHOD | METHOD PATH | PATH          METHOD: GET, HEAD, POST, PUT, PATCH, DELETE, ... or *
 *             PATH starts with "/"; "*" matches any characters (also "/"); it is matched against the request's
 *             path, or against path?query when PATH holds a "?". No ":" or "," inside (write "*" instead).
 *             No MATCH = every request.
 *
 *   Request faults (the proxy answers, or fails to; only reset-after forwards the request):
 *     reset              RST the client connection (SO_LINGER 0, then close) as soon as the request head arrived
 *     reset-after        forward the request, read the target's whole answer, then RST the client instead of
 *                        answering: the registry did the work, the client never hears of it
 *     STATUS[/SECONDS]   answer HTTP STATUS (400-599) with a distribution error body; /SECONDS adds
 *                        "Retry-After: SECONDS" (429 always has one: default 1). The request body is read and
 *                        dropped, the connection stays open (unless the client sent Expect: 100-continue).
 *     ARG = which matching requests: N (the first N, default 1) | K-M (the Kth to the Mth) | K- (from the Kth on)
 *
 *     Request faults are tried in plan order and the first that fires wins; each rule counts only the matching
 *     requests that no earlier rule of the plan faulted. So "503:2,429:2" answers requests 1-2 with 503 and 3-4
 *     with 429; "reset:3-3" resets the third request only; "reset@PATCH:2" the first two PATCH requests;
 *     "503@PUT/v2*manifests*:3" the first three manifest PUTs; "429@*:2" the first two requests, with
 *     Retry-After: 1; "reset@POST/v2*blobs/uploads/?mount=*" the first cross-repository mount request.
 *
 *   The registry going away (the port is closed: later connections are refused, open ones are RST):
 *     gone[@MATCH]:N           after the Nth matching request the target answered (counted like the faults
 *                              above, requests a fault answered do not count) has had its answer delivered
 *     close-after-bytes:BYTES  when BYTES have been forwarded (both directions together, heads included): the
 *                              connection moving the byte after them is cut mid-stream (RST)
 *
 *   Link conditions (do not count as faults; apply together with the above):
 *     slow[@MATCH]:BYTES_PER_SECOND   throttle matching exchanges (request and answer) to this rate in each
 *                                     direction, shared by all connections (one slow link)
 *
 *   BYTES and BYTES_PER_SECOND take an optional k, m or g suffix (powers of 1024).
 *   Example: reset@PATCH:2,503@PUT:3,429@*:2,slow:65536,close-after-bytes:20m
 *
 * Log (--log FILE): one line per request, key=value separated by spaces:
 *   time=... conn=3 req=12 method=PATCH path=/v2/it/app/blobs/uploads/UUID?_state=...&digest=sha256:... status=202
 *       fault=- body=chunked up=1048576 down=0 ms=15
 *   (query values are kept only for digest, mount, from, n, last; other values, like the upload _state, are "...";
 *   status=- when no answer reached the client; fault is -, reset, reset-after, the STATUS, gone-after (the request
 *   after which the registry went away), cut (the exchange was cut when it went away), slow, or several joined
 *   by "+"; body is how the request body was framed: chunked, length (Content-Length) or -; up/down are body
 *   payload bytes. A connection that does not speak HTTP, like the TLS probe skopeo and docker
 *   start with, is answered 400 at once and logged as req=- method=- fault=not-http; it is no request of the
 *   plan.) Events: "time=... event=start|gone|stop ...".
 *
 * --pid-file is written once the port listens. --exit-with-parent ends the proxy when the process that started it
 * ends (a verify script that dies leaves no proxy behind); --max-seconds (default 3600) ends it in any case.
 */

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class FaultProxy {

    // -------------------------------------------------------------------------------------------------------------
    // The plan
    // -------------------------------------------------------------------------------------------------------------

    enum Kind { RESET, RESET_AFTER, STATUS, GONE, CLOSE_AFTER_BYTES, SLOW }

    static final class Rule {
        final String text;
        final Kind kind;
        String method;          // null = any
        Pattern path;           // null = any
        boolean withQuery;      // match path?query
        int status;
        int retryAfter = -1;
        long from = 1;
        long to = 1;            // inclusive; Long.MAX_VALUE = open
        long amount;            // gone: N; close-after-bytes: bytes; slow: bytes per second
        long seen;              // matching requests counted so far
        Throttle up;
        Throttle down;

        Rule(String text, Kind kind) {
            this.text = text;
            this.kind = kind;
        }

        boolean matches(String m, String p, String query) {
            if (method != null && !method.equals(m)) {
                return false;
            }
            return path == null || path.matcher(withQuery && query != null ? p + "?" + query : p).matches();
        }
    }

    static List<Rule> parsePlan(String plan) {
        List<Rule> rules = new ArrayList<>();
        if (plan == null || plan.isBlank() || plan.equals("none")) {
            return rules;
        }
        for (String text : plan.split(",")) {
            rules.add(parseRule(text.trim()));
        }
        return rules;
    }

    static final Pattern RULE = Pattern.compile("([a-z-]+|[0-9]{3}(?:/[0-9]+)?)(?:@([^:]+))?(?::(.+))?");
    static final Pattern RANGE = Pattern.compile("([0-9]+)(?:-([0-9]*))?");

    static Rule parseRule(String text) {
        Matcher m = RULE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad rule '" + text + "' (KIND[@MATCH][:ARG])");
        }
        String kindText = m.group(1);
        String match = m.group(2);
        String arg = m.group(3);
        Rule r;
        if (Character.isDigit(kindText.charAt(0))) {
            r = new Rule(text, Kind.STATUS);
            String[] parts = kindText.split("/");
            r.status = Integer.parseInt(parts[0]);
            if (r.status < 400 || r.status > 599) {
                throw new IllegalArgumentException("rule '" + text + "': a status must be 400-599");
            }
            r.retryAfter = parts.length > 1 ? Integer.parseInt(parts[1]) : r.status == 429 ? 1 : -1;
        } else {
            Kind kind = switch (kindText) {
                case "reset" -> Kind.RESET;
                case "reset-after" -> Kind.RESET_AFTER;
                case "gone" -> Kind.GONE;
                case "close-after-bytes" -> Kind.CLOSE_AFTER_BYTES;
                case "slow" -> Kind.SLOW;
                default -> throw new IllegalArgumentException("rule '" + text + "': unknown kind '" + kindText + "'");
            };
            r = new Rule(text, kind);
        }
        if (match != null) {
            if (r.kind == Kind.CLOSE_AFTER_BYTES) {
                throw new IllegalArgumentException("rule '" + text + "': close-after-bytes takes no @MATCH");
            }
            int slash = match.indexOf('/');
            String method = slash < 0 ? match : match.substring(0, slash);
            String path = slash < 0 ? null : match.substring(slash);
            if (!method.isEmpty() && !method.equals("*")) {
                if (!method.matches("[A-Z]+")) {
                    throw new IllegalArgumentException("rule '" + text + "': bad method '" + method + "'");
                }
                r.method = method;
            }
            if (path != null && !path.equals("/*")) {
                r.withQuery = path.contains("?");
                List<String> pieces = new ArrayList<>();
                for (String piece : path.split("\\*", -1)) {
                    pieces.add(Pattern.quote(piece));
                }
                r.path = Pattern.compile(String.join(".*", pieces));
            }
        }
        switch (r.kind) {
            case RESET, RESET_AFTER, STATUS -> {
                if (arg != null) {
                    Matcher range = RANGE.matcher(arg);
                    if (!range.matches()) {
                        throw new IllegalArgumentException("rule '" + text + "': ':" + arg + "' is not N, K-M or K-");
                    }
                    if (range.group(2) == null) {
                        r.from = 1;
                        r.to = Long.parseLong(range.group(1));
                    } else {
                        r.from = Long.parseLong(range.group(1));
                        r.to = range.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(range.group(2));
                    }
                    if (r.from < 1 || r.to < r.from) {
                        throw new IllegalArgumentException("rule '" + text + "': empty range ':" + arg + "'");
                    }
                }
            }
            case GONE -> {
                r.amount = arg == null ? 1 : Long.parseLong(arg);
                if (r.amount < 1) {
                    throw new IllegalArgumentException("rule '" + text + "': gone needs N >= 1");
                }
            }
            case CLOSE_AFTER_BYTES, SLOW -> {
                if (arg == null) {
                    throw new IllegalArgumentException("rule '" + text + "': " + r.kind.name().toLowerCase(Locale.ROOT)
                            .replace('_', '-') + " needs :BYTES");
                }
                r.amount = bytes(arg, text);
                if (r.kind == Kind.SLOW) {
                    r.up = new Throttle(r.amount);
                    r.down = new Throttle(r.amount);
                }
            }
        }
        return r;
    }

    static long bytes(String s, String rule) {
        Matcher m = Pattern.compile("([0-9]+)([kmgKMG]?)").matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("rule '" + rule + "': '" + s + "' is not a byte count");
        }
        long n = Long.parseLong(m.group(1));
        long value = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
        if (value < 1) {
            throw new IllegalArgumentException("rule '" + rule + "': needs at least 1 byte");
        }
        return value;
    }

    /** What happens to one request. */
    record Decision(long number, Rule fault, boolean goneAfter, Rule slow) {
    }

    final List<Rule> rules;
    final long closeAfterBytes;
    final AtomicLong requests = new AtomicLong();

    synchronized Decision decide(String method, String path, String query) {
        long number = requests.incrementAndGet();
        Rule fault = null;
        for (Rule r : rules) {
            if ((r.kind == Kind.RESET || r.kind == Kind.RESET_AFTER || r.kind == Kind.STATUS) && r.matches(method, path, query)) {
                r.seen++;
                if (r.seen >= r.from && r.seen <= r.to) {
                    fault = r;
                    break;
                }
            }
        }
        boolean goneAfter = false;
        if (fault == null) {
            for (Rule r : rules) {
                if (r.kind == Kind.GONE && r.matches(method, path, query) && ++r.seen == r.amount) {
                    goneAfter = true;
                }
            }
        }
        Rule slow = null;
        for (Rule r : rules) {
            if (r.kind == Kind.SLOW && r.matches(method, path, query)) {
                slow = r;
                break;
            }
        }
        return new Decision(number, fault, goneAfter, slow);
    }

    /** A shared rate limit: callers reserve transmission time for their bytes and sleep until it has passed. */
    static final class Throttle {
        final long bytesPerSecond;
        long next; // System.nanoTime() when the link is free again

        Throttle(long bytesPerSecond) {
            this.bytesPerSecond = bytesPerSecond;
        }

        int chunk() {
            return (int) Math.max(1, Math.min(16384, bytesPerSecond / 20));
        }

        void pace(int n) throws IOException {
            long wakeUp;
            synchronized (this) {
                long now = System.nanoTime();
                long start = Math.max(now, next);
                next = start + n * 1_000_000_000L / bytesPerSecond;
                wakeUp = next;
            }
            long sleep = wakeUp - System.nanoTime();
            if (sleep > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Proxy state
    // -------------------------------------------------------------------------------------------------------------

    final InetSocketAddress listen;
    final InetSocketAddress target;
    final String listenAuthority;
    final String targetAuthority;
    final String plan;
    final Path logFile;
    final OutputStream log;
    final ServerSocket server;
    final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
    });
    final Set<Conn> conns = ConcurrentHashMap.newKeySet();
    final AtomicLong forwarded = new AtomicLong();
    final AtomicLong connections = new AtomicLong();
    volatile boolean gone;

    FaultProxy(String listenText, String targetText, String plan, Path logFile) throws IOException {
        this.listen = address(listenText, "--listen");
        this.target = address(targetText, "--target");
        this.listenAuthority = listenText;
        this.targetAuthority = targetText;
        this.plan = plan;
        this.rules = parsePlan(plan);
        this.closeAfterBytes = rules.stream().filter(r -> r.kind == Kind.CLOSE_AFTER_BYTES).mapToLong(r -> r.amount).min().orElse(0);
        this.logFile = logFile;
        this.log = Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(listen, 100);
    }

    static InetSocketAddress address(String s, String option) throws IOException {
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(option + " " + s + ": expected HOST:PORT");
        }
        InetAddress host = InetAddress.getByName(s.substring(0, colon));
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException(option + " " + s + " is not a loopback address (test tool)");
        }
        return new InetSocketAddress(host, Integer.parseInt(s.substring(colon + 1)));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>(Map.of("--max-seconds", "3600", "--plan", "none"));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--exit-with-parent")) {
                opt.put(args[i], "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                opt.put(args[i], args[++i]);
            } else {
                usage("bad argument " + args[i]);
            }
        }
        for (String required : List.of("--listen", "--target", "--log")) {
            if (!opt.containsKey(required)) {
                usage("missing " + required);
            }
        }
        FaultProxy proxy;
        try {
            proxy = new FaultProxy(opt.get("--listen"), opt.get("--target"), opt.get("--plan"), Path.of(opt.get("--log")));
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            return;
        }
        if (opt.containsKey("--exit-with-parent")) {
            ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
                proxy.event("stop reason=parent-exited");
                System.exit(0);
            }));
        }
        long maxSeconds = Long.parseLong(opt.get("--max-seconds"));
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(maxSeconds * 1000);
                proxy.event("stop reason=max-seconds");
                System.exit(0);
            } catch (InterruptedException ignored) {
                // not reached: daemon thread
            }
        });
        timer.setDaemon(true);
        timer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> proxy.event("stop")));
        proxy.event("start listen=" + proxy.listenAuthority + " target=" + proxy.targetAuthority + " plan=" + proxy.plan
                + " pid=" + ProcessHandle.current().pid());
        if (opt.containsKey("--pid-file")) {
            Files.writeString(Path.of(opt.get("--pid-file")), ProcessHandle.current().pid() + "\n");
        }
        System.out.println("FaultProxy listening on " + proxy.listenAuthority + " -> " + proxy.targetAuthority
                + ", plan " + proxy.plan);
        System.out.flush();
        proxy.serve();
    }

    static void usage(String why) {
        System.err.println("FaultProxy: " + why + "\nusage: java FaultProxy.java --listen 127.0.0.1:PORT --target "
                + "127.0.0.1:PORT --plan PLAN --log FILE [--pid-file FILE] [--exit-with-parent] [--max-seconds N]\n"
                + "(the plan grammar is described at the top of FaultProxy.java)");
        System.exit(2);
    }

    void serve() throws InterruptedException {
        while (!gone) {
            try {
                Socket client = server.accept();
                Conn conn = new Conn(connections.incrementAndGet(), client);
                conns.add(conn);
                pool.execute(conn::run);
            } catch (IOException e) {
                if (!gone) {
                    event("accept-error " + clean(String.valueOf(e.getMessage())));
                }
            }
        }
        // Gone: the port is closed; stay alive (idle) so the log and the PID stay until the test stops us.
        Thread.sleep(Long.MAX_VALUE);
    }

    /** The registry goes away: close the port (later connections are refused) and cut every open connection. */
    void goAway(String why, Conn except) {
        synchronized (this) {
            if (gone) {
                return;
            }
            gone = true;
        }
        event("gone reason=" + why + " forwarded=" + forwarded.get());
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Conn c : conns) {
            if (c != except) {
                c.cut = true;
                c.reset();
            }
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Logging
    // -------------------------------------------------------------------------------------------------------------

    static final Set<String> SHOWN_QUERY_VALUES = Set.of("digest", "mount", "from", "n", "last");

    static String logPath(String path, String query) {
        if (query == null) {
            return clean(path);
        }
        StringBuilder sb = new StringBuilder(path).append('?');
        int i = 0;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            sb.append(i++ == 0 ? "" : "&").append(name);
            if (eq >= 0) {
                sb.append('=').append(SHOWN_QUERY_VALUES.contains(name)
                        ? java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8) : "...");
            }
        }
        return clean(sb.toString());
    }

    static String clean(String s) {
        return s.replaceAll("[\\s\\p{Cntrl}]", "_");
    }

    boolean stopped;

    void event(String what) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = what.startsWith("stop");
        }
        writeLog("time=" + Instant.now().truncatedTo(ChronoUnit.MILLIS) + " event=" + what + "\n");
    }

    synchronized void writeLog(String line) {
        try {
            log.write(line.getBytes(StandardCharsets.UTF_8));
            log.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // HTTP message heads
    // -------------------------------------------------------------------------------------------------------------

    static final class Head {
        final byte[] raw;
        final String startLine;
        final List<String[]> headers = new ArrayList<>(); // [name, value]

        Head(byte[] raw) {
            this.raw = raw;
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\r?\n");
            startLine = lines[0];
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.add(new String[]{lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
                }
            }
        }

        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        boolean hasToken(String name, String token) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    for (String t : h[1].split(",")) {
                        if (t.trim().equalsIgnoreCase(token)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        boolean chunked() {
            String te = header("Transfer-Encoding");
            return te != null && te.toLowerCase(Locale.ROOT).trim().endsWith("chunked");
        }

        long contentLength() {
            String cl = header("Content-Length");
            return cl == null ? -1 : Long.parseLong(cl.trim());
        }
    }

    /** Reads a message head (start line to the empty line); null at a clean EOF before its first byte. */
    static Head readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        int lineLength = 0;
        while (true) {
            b = in.read();
            if (b < 0) {
                if (buf.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed inside a message head");
            }
            if (buf.size() == 0 && (b == '\r' || b == '\n')) {
                continue; // stray CRLF between messages
            }
            buf.write(b);
            if (b == '\n') {
                if (lineLength == 0 || (lineLength == 1 && endsWithCr(buf))) {
                    return new Head(buf.toByteArray());
                }
                lineLength = 0;
            } else {
                lineLength++;
            }
            if (buf.size() > 65536) {
                throw new IOException("message head longer than 64 KiB");
            }
        }
    }

    static boolean endsWithCr(ByteArrayOutputStream buf) {
        byte[] a = buf.toByteArray();
        return a.length >= 2 && a[a.length - 2] == '\r';
    }

    static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
            if (line.size() > 8192) {
                throw new IOException("chunk line longer than 8 KiB");
            }
        }
        throw new EOFException("connection closed inside a chunked body");
    }

    // -------------------------------------------------------------------------------------------------------------
    // One client connection
    // -------------------------------------------------------------------------------------------------------------

    /** Thrown when the registry went away during an exchange. */
    static final class Cut extends IOException {
        Cut() {
            super("cut: the registry went away");
        }
    }

    final class Conn {
        final long id;
        final Socket client;
        final InputStream clientIn;
        final OutputStream clientOut;
        Socket upstream;
        InputStream upIn;
        OutputStream upOut;
        volatile boolean cut;

        Conn(long id, Socket client) throws IOException {
            this.id = id;
            this.client = client;
            client.setTcpNoDelay(true);
            this.clientIn = new BufferedInputStream(client.getInputStream(), 65536);
            this.clientOut = client.getOutputStream();
        }

        void run() {
            try {
                while (!gone && exchange()) {
                    // next request on this keep-alive connection
                }
            } catch (Cut | EOFException e) {
                // the registry went away, or a peer closed the connection: nothing more to do on it
            } catch (IOException | RuntimeException e) {
                if (!gone && !client.isClosed()) {
                    event("conn-error conn=" + id + " " + clean(e.getClass().getSimpleName() + ": " + e.getMessage()));
                }
            } finally {
                // RST what a fault or the registry going away cut; close the rest (like the connection whose answer
                // was the last before gone@, already delivered) normally, so no answer is lost to a RST.
                if (cut) {
                    reset();
                } else {
                    closeQuietly(client);
                }
                closeQuietly(upstream);
                conns.remove(this);
            }
        }

        /** RST the client (SO_LINGER 0, then close) and drop the target connection. */
        void reset() {
            try {
                client.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // closing anyway
            }
            closeQuietly(client);
            closeQuietly(upstream);
        }

        /** One request and its answer. Returns whether the connection stays open for another request. */
        boolean exchange() throws IOException {
            // Not HTTP (skopeo and docker first try TLS on a plain port): answer 400 at once, as the registry's Go
            // server does, so they fall back to http:// instead of waiting for a request head that never comes.
            clientIn.mark(1);
            int first = clientIn.read();
            if (first < 0) {
                return false;
            }
            clientIn.reset();
            if (first < 'A' || first > 'Z') {
                clientOut.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                clientOut.flush();
                writeLog("time=" + Instant.now().truncatedTo(ChronoUnit.MILLIS) + " conn=" + id
                        + " req=- method=- path=- status=400 fault=not-http body=- up=0 down=0 ms=0\n");
                return false;
            }
            Head req = readHead(clientIn);
            if (req == null) {
                return false;
            }
            long t0 = System.nanoTime();
            String[] start = req.startLine.split(" ");
            if (start.length < 3) {
                throw new IOException("bad request line " + req.startLine);
            }
            String method = start[0];
            String uri = start[1];
            int q = uri.indexOf('?');
            String path = q < 0 ? uri : uri.substring(0, q);
            String query = q < 0 ? null : uri.substring(q + 1);
            if (path.startsWith("http://")) { // absolute form: keep only the path for matching and logging
                int slash = path.indexOf('/', 7);
                path = slash < 0 ? "/" : path.substring(slash);
            }
            boolean keepAlive = start[2].equals("HTTP/1.1") ? !req.hasToken("Connection", "close")
                    : req.hasToken("Connection", "keep-alive");
            boolean expectContinue = req.hasToken("Expect", "100-continue");
            Decision d = decide(method, path, query);
            Exchange x = new Exchange(id, d, method, logPath(path, query), t0);
            x.body = req.chunked() ? "chunked" : req.contentLength() >= 0 ? "length" : "-";

            if (d.fault != null && d.fault.kind == Kind.RESET) {
                x.log("-", "reset");
                cut = true; // run() resets
                return false;
            }
            if (d.fault != null && d.fault.kind == Kind.STATUS) {
                if (!expectContinue) {
                    x.up.set(skipBody(req));
                }
                boolean stay = keepAlive && !expectContinue;
                answerFault(d.fault, method, stay);
                x.log(String.valueOf(d.fault.status), String.valueOf(d.fault.status));
                return stay;
            }
            return forward(req, x, keepAlive);
        }

        boolean forward(Head req, Exchange x, boolean keepAlive) throws IOException {
            Throttle up = x.d.slow == null ? null : x.d.slow.up;
            Throttle down = x.d.slow == null ? null : x.d.slow.down;
            try {
                connectUpstream();
                send(upOut, req.raw, 0, req.raw.length, up);
                upOut.flush();
                Future<Long> body = req.chunked() || req.contentLength() > 0
                        ? pool.submit(() -> copyBody(req, up, x)) : null;

                Head resp;
                while (true) {
                    resp = readHead(upIn);
                    if (resp == null) {
                        throw new EOFException("the target closed the connection without an answer");
                    }
                    x.status = statusOf(resp);
                    if (x.status >= 100 && x.status < 200 && x.status != 101) {
                        send(clientOut, resp.raw, 0, resp.raw.length, down); // 100 Continue and friends
                        clientOut.flush();
                        continue;
                    }
                    break;
                }
                boolean respClose = resp.hasToken("Connection", "close");
                boolean noBody = x.method.equals("HEAD") || x.status == 204 || x.status == 304;
                boolean toEof = !noBody && !resp.chunked() && resp.contentLength() < 0;

                if (x.d.fault != null && x.d.fault.kind == Kind.RESET_AFTER) {
                    if (!noBody) {
                        copyResponseBody(resp, toEof, OutputStream.nullOutputStream(), null, null);
                    }
                    waitFor(body, x);
                    x.log("-", "reset-after");
                    cut = true;
                    return false;
                }

                byte[] head = rewriteLocation(resp);
                send(clientOut, head, 0, head.length, down);
                x.answered = true;
                if (!noBody) {
                    copyResponseBody(resp, toEof, clientOut, down, x.down);
                }
                clientOut.flush();
                boolean bodyDone = waitFor(body, x);
                String fault = x.d.slow != null ? "slow" : "-";
                if (x.d.goneAfter) {
                    x.log(String.valueOf(x.status), fault.equals("-") ? "gone-after" : fault + "+gone-after");
                    goAway("gone@" + x.method + " after request " + x.d.number, this);
                    client.shutdownOutput();
                    return false;
                }
                x.log(String.valueOf(x.status), fault);
                return keepAlive && bodyDone && !respClose && !toEof;
            } catch (IOException e) {
                if (cut || gone) {
                    x.log(x.answered ? String.valueOf(x.status) : "-", x.d.slow != null ? "slow+cut" : "cut");
                    throw new Cut();
                }
                x.log(x.answered ? String.valueOf(x.status) : "-",
                        "error:" + clean(e.getClass().getSimpleName()));
                throw e;
            }
        }

        /** Waits for the request body copy; false if it did not finish (the connection cannot be reused). */
        boolean waitFor(Future<Long> body, Exchange x) {
            if (body == null) {
                return true;
            }
            try {
                body.get(2, TimeUnit.SECONDS);
                return true;
            } catch (TimeoutException e) {
                body.cancel(true);
                return false;
            } catch (Exception e) {
                return false;
            }
        }

        void connectUpstream() throws IOException {
            if (upstream != null && !upstream.isClosed()) {
                // A kept-alive target connection the target may have closed meanwhile: probe it (1 ms read).
                upstream.setSoTimeout(1);
                try {
                    int b = upIn.read();
                    if (b >= 0) {
                        throw new IOException("the target sent data outside an answer");
                    }
                    closeQuietly(upstream);
                } catch (SocketTimeoutException alive) {
                    upstream.setSoTimeout(0);
                    return;
                }
            }
            upstream = new Socket();
            upstream.setTcpNoDelay(true);
            upstream.connect(target, 10_000);
            upIn = new BufferedInputStream(upstream.getInputStream(), 65536);
            upOut = new BufferedOutputStream(upstream.getOutputStream(), 65536);
        }

        /** Request body, client to target; returns its payload bytes (also counted into x.up as they pass). */
        long copyBody(Head head, Throttle throttle, Exchange x) throws IOException {
            long n = head.chunked() ? copyChunked(clientIn, upOut, throttle, x.up)
                    : copyFixed(clientIn, upOut, head.contentLength(), throttle, x.up);
            upOut.flush();
            return n;
        }

        /** Response body, target to OUT (the client, or nowhere when progress is null: reset-after). */
        void copyResponseBody(Head resp, boolean toEof, OutputStream out, Throttle throttle, AtomicLong progress)
                throws IOException {
            if (resp.chunked()) {
                copyChunked(upIn, out, throttle, progress);
            } else {
                copyFixed(upIn, out, toEof ? Long.MAX_VALUE : resp.contentLength(), throttle, progress);
            }
        }

        /** Reads and drops a request body (the request of a STATUS fault). */
        long skipBody(Head req) throws IOException {
            OutputStream nowhere = OutputStream.nullOutputStream();
            if (req.chunked()) {
                return copyChunked(clientIn, nowhere, null, null);
            }
            long length = req.contentLength();
            return length > 0 ? copyFixed(clientIn, nowhere, length, null, null) : 0;
        }

        /**
         * Copies a chunked body verbatim (sizes, extensions, trailers); returns the payload bytes. With a progress
         * counter the bytes are forwarded (send: throttled, counted); without, they are just written (dropped).
         */
        long copyChunked(InputStream in, OutputStream out, Throttle throttle, AtomicLong progress) throws IOException {
            long payload = 0;
            while (true) {
                byte[] sizeLine = readLine(in);
                write(out, sizeLine, sizeLine.length, throttle, progress != null);
                String size = new String(sizeLine, StandardCharsets.ISO_8859_1).trim();
                int semi = size.indexOf(';');
                long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    while (true) { // trailers, up to the empty line
                        byte[] line = readLine(in);
                        write(out, line, line.length, throttle, progress != null);
                        if (line.length <= 2) {
                            return payload;
                        }
                    }
                }
                payload += copyFixed(in, out, n, throttle, progress);
                byte[] crlf = readLine(in);
                write(out, crlf, crlf.length, throttle, progress != null);
            }
        }

        /** Copies length bytes (Long.MAX_VALUE: to EOF); returns how many. Progress as for copyChunked. */
        long copyFixed(InputStream in, OutputStream out, long length, Throttle throttle, AtomicLong progress)
                throws IOException {
            byte[] buf = new byte[throttle == null ? 65536 : throttle.chunk()];
            long done = 0;
            while (done < length) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, length - done));
                if (n < 0) {
                    if (length == Long.MAX_VALUE) {
                        return done;
                    }
                    throw new EOFException("connection closed inside a body (" + done + " of " + length + " bytes)");
                }
                write(out, buf, n, throttle, progress != null);
                done += n;
                if (progress != null) {
                    progress.addAndGet(n);
                }
            }
            return done;
        }

        void write(OutputStream out, byte[] b, int len, Throttle throttle, boolean count) throws IOException {
            if (count) {
                send(out, b, 0, len, throttle);
            } else {
                out.write(b, 0, len);
            }
        }

        /** Every forwarded byte goes through here: the slow link, the byte budget of close-after-bytes. */
        void send(OutputStream out, byte[] b, int off, int len, Throttle throttle) throws IOException {
            if (cut || gone) {
                throw new Cut();
            }
            int step = throttle == null ? len : throttle.chunk();
            for (int i = off; i < off + len; i += step) {
                int n = Math.min(step, off + len - i);
                if (throttle != null) {
                    throttle.pace(n);
                }
                if (closeAfterBytes > 0) {
                    long before = forwarded.getAndAdd(n);
                    if (before + n > closeAfterBytes) {
                        int allowed = (int) Math.max(0, closeAfterBytes - before);
                        forwarded.set(closeAfterBytes);
                        out.write(b, i, allowed);
                        out.flush();
                        cut = true;
                        goAway("close-after-bytes:" + closeAfterBytes + " in request on conn " + id, null);
                        throw new Cut();
                    }
                } else {
                    forwarded.addAndGet(n);
                }
                out.write(b, i, n);
                if (throttle != null) {
                    out.flush();
                }
            }
        }

        /** The answer of a STATUS fault: a distribution error body. */
        void answerFault(Rule r, String method, boolean keepAlive) throws IOException {
            String code = switch (r.status) {
                case 429 -> "TOOMANYREQUESTS";
                case 503 -> "UNAVAILABLE";
                case 401 -> "UNAUTHORIZED";
                case 403 -> "DENIED";
                case 404 -> "NOT_FOUND";
                default -> "UNKNOWN";
            };
            byte[] body = ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"injected by FaultProxy (" + r.text
                    + ")\",\"detail\":null}]}\n").getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("HTTP/1.1 ").append(r.status).append(' ').append(reason(r.status))
                    .append("\r\nContent-Type: application/json; charset=utf-8")
                    .append("\r\nDocker-Distribution-Api-Version: registry/2.0")
                    .append("\r\nContent-Length: ").append(body.length);
            if (r.retryAfter >= 0) {
                head.append("\r\nRetry-After: ").append(r.retryAfter);
            }
            head.append(keepAlive ? "" : "\r\nConnection: close").append("\r\n\r\n");
            clientOut.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (!method.equals("HEAD")) {
                clientOut.write(body);
            }
            clientOut.flush();
            if (!keepAlive) {
                client.shutdownOutput();
            }
        }

        /** The response head, with an absolute Location naming the target pointed at the proxy instead. */
        byte[] rewriteLocation(Head resp) {
            String location = resp.header("Location");
            String prefix = "http://" + targetAuthority;
            if (location == null || !location.regionMatches(true, 0, prefix, 0, prefix.length())
                    || (location.length() > prefix.length() && "/?#".indexOf(location.charAt(prefix.length())) < 0)) {
                return resp.raw;
            }
            String text = new String(resp.raw, StandardCharsets.ISO_8859_1);
            Matcher m = Pattern.compile("(?im)^(Location:[ \\t]*)" + Pattern.quote(prefix)).matcher(text);
            return m.replaceFirst("$1" + Matcher.quoteReplacement("http://" + listenAuthority))
                    .getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** Per-request bookkeeping for the log line. */
    final class Exchange {
        final Decision d;
        final String method;
        final String path;
        final long t0;
        final long conn;
        int status;
        boolean answered; // the status line reached the client
        String body = "-";  // how the request body was framed
        final AtomicLong up = new AtomicLong();   // request body payload bytes so far
        final AtomicLong down = new AtomicLong(); // response body payload bytes so far

        Exchange(long conn, Decision d, String method, String path, long t0) {
            this.conn = conn;
            this.d = d;
            this.method = method;
            this.path = path;
            this.t0 = t0;
        }

        void log(String status, String fault) {
            writeLog("time=" + Instant.now().truncatedTo(ChronoUnit.MILLIS) + " conn=" + conn + " req=" + d.number + " method=" + method
                    + " path=" + path + " status=" + status + " fault=" + fault + " body=" + body + " up=" + up + " down=" + down
                    + " ms=" + (System.nanoTime() - t0) / 1_000_000 + "\n");
        }
    }

    static int statusOf(Head resp) throws IOException {
        String[] parts = resp.startLine.split(" ");
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("bad status line " + resp.startLine);
        }
        return Integer.parseInt(parts[1]);
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Injected";
        };
    }

    static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
