/*
 * Helpers shared by the verify scripts of the integration tests. A verify script loads them with
 *
 *     def dl = evaluate(new File(itLib, 'support.groovy'))
 *
 * (itLib is a script variable set in it/pom.xml) and gets an ItSupport bound to its project's basedir.
 *
 * Every check throws an AssertionError whose message says what differed; every external command (skopeo,
 * umoci, docker, tar) runs through exec()/run(), which captures its output and throws, output included,
 * when the command is missing or exits non-zero.
 *
 * For the registry ITs: testenvLog/logMark/accessLogSince read the registries' access logs (finishedUploads,
 * mounts, manifestPuts pick the pushes out of them) and the token service's log (tokenRequestsSince);
 * skopeoInspect/skopeoInspectRaw/registryManifestDigest/dockerPull read images back from a registry;
 * startFaultProxy/stopFaultProxy/faultProxyRequests drive .ci/tools/FaultProxy.java. See it/README.md.
 */

import groovy.json.JsonOutput
import groovy.json.JsonSlurper

import java.nio.file.Files
import java.net.InetSocketAddress
import java.net.Socket
import java.net.URLDecoder
import java.security.MessageDigest
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException

class ItSupport {

    static final String HINT = 'Start the test environment and export its variables first: ' +
            '`bash .ci/testenv start && . /var/tmp/docker-layer-testenv/env` ' +
            '(CI runs `bash .ci/testenv run ./mvnw -B -ntp verify`).'

    static final String ROLE = 'io.github.dockerlayer.role'
    static final String REF_NAME = 'org.opencontainers.image.ref.name'
    static final String CONTAINERD_NAME = 'io.containerd.image.name'

    final File basedir

    ItSupport(File basedir) {
        this.basedir = basedir
    }

    // ---------------------------------------------------------------------------------------------------------
    // Checks
    // ---------------------------------------------------------------------------------------------------------

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message)
        }
    }

    static void checkEquals(Object expected, Object actual, String what) {
        if (expected != actual) {
            String where = firstDifference(expected, actual, '')
            String detail = where ? " (first difference at ${where}: expected ${show(valueAt(expected, where))} but was ${show(valueAt(actual, where))})" : ''
            throw new AssertionError("${what}: expected ${show(expected)} but was ${show(actual)}${detail}")
        }
    }

    /** The path (".key", "[3]") of the first difference inside two JSON-like values, or '' at the top. */
    static String firstDifference(Object a, Object b, String path) {
        if (a instanceof Map && b instanceof Map) {
            for (Object key : ((a.keySet() + b.keySet()) as LinkedHashSet)) {
                if (a[key] != b[key]) {
                    return firstDifference(a[key], b[key], "${path}.${key}")
                }
            }
        } else if (a instanceof List && b instanceof List && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (a[i] != b[i]) {
                    return firstDifference(a[i], b[i], "${path}[${i}]")
                }
            }
        }
        return path
    }

    static Object valueAt(Object value, String path) {
        Object v = value
        (path =~ /\.([^.\[]+)|\[(\d+)\]/).each { List m ->
            v = m[1] != null ? (v instanceof Map ? v[m[1]] : null) : (v instanceof List ? v[m[2] as int] : null)
        }
        return v
    }

    static void checkNotEquals(Object unexpected, Object actual, String what) {
        if (unexpected == actual) {
            throw new AssertionError("${what}: expected a different value, but both are ${show(actual)}")
        }
    }

    static String show(Object value) {
        if (value instanceof Map || value instanceof List) {
            return JsonOutput.toJson(value)
        }
        return value instanceof String ? "'${value}'" : String.valueOf(value)
    }

    void log(String message) {
        println "[verify ${basedir.name}] ${message}"
    }

    // ---------------------------------------------------------------------------------------------------------
    // Files and environment
    // ---------------------------------------------------------------------------------------------------------

    File file(String relative) {
        return new File(basedir, relative)
    }

    File existing(String relative) {
        File f = file(relative)
        check(f.exists(), "${f} does not exist")
        return f
    }

    static String env(String name) {
        String value = System.getenv(name)
        check(value != null && !value.isEmpty(), "Environment variable ${name} is not set. ${HINT}")
        return value
    }

    static Object json(File f) {
        check(f.isFile(), "${f} does not exist")
        return new JsonSlurper().parse(f)
    }

    static Object parseJson(String text) {
        return new JsonSlurper().parseText(text)
    }

    static String sha256(byte[] bytes) {
        return 'sha256:' + MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex().toString()
    }

    static String sha256(File f) {
        MessageDigest md = MessageDigest.getInstance('SHA-256')
        f.withInputStream { InputStream input ->
            byte[] buffer = new byte[65536]
            int n
            while ((n = input.read(buffer)) > 0) {
                md.update(buffer, 0, n)
            }
        }
        return 'sha256:' + md.digest().encodeHex().toString()
    }

    String buildLog() {
        return existing('build.log').getText('UTF-8')
    }

    // ---------------------------------------------------------------------------------------------------------
    // External commands
    // ---------------------------------------------------------------------------------------------------------

    /** Runs a command in basedir; returns [rc: int, out: String, err: String]. Throws if it cannot start or hangs. */
    Map exec(List<String> command, long timeoutSeconds = 300, Map<String, String> extraEnv = [:]) {
        List<String> cmd = command.collect { it.toString() }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(basedir)
        pb.environment().putAll(extraEnv)
        Process process
        try {
            process = pb.start()
        } catch (IOException e) {
            throw new AssertionError("Cannot run `${cmd[0]}` (${e.message}): it must be on PATH. ${HINT}")
        }
        process.outputStream.close()
        ByteArrayOutputStream out = new ByteArrayOutputStream()
        ByteArrayOutputStream err = new ByteArrayOutputStream()
        Thread outReader = Thread.start { out << process.inputStream }
        Thread errReader = Thread.start { err << process.errorStream }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly()
            process.waitFor(10, TimeUnit.SECONDS)
            throw new AssertionError("`${cmd.join(' ')}` did not finish within ${timeoutSeconds} s\n" +
                    "stdout:\n${out.toString('UTF-8')}\nstderr:\n${err.toString('UTF-8')}")
        }
        outReader.join(10000)
        errReader.join(10000)
        return [rc: process.exitValue(), out: out.toString('UTF-8'), err: err.toString('UTF-8')]
    }

    /** Runs a command and returns its stdout; throws, with both outputs in the message, on a non-zero exit. */
    String run(List<String> command, long timeoutSeconds = 300, Map<String, String> extraEnv = [:]) {
        Map r = exec(command, timeoutSeconds, extraEnv)
        if (r.rc != 0) {
            throw new AssertionError("`${command.join(' ')}` failed with exit code ${r.rc}\n" +
                    "stdout:\n${r.out}\nstderr:\n${r.err}")
        }
        return r.out
    }

    // ---------------------------------------------------------------------------------------------------------
    // The plugin's outputs, read as files
    // ---------------------------------------------------------------------------------------------------------

    /** target/docker-layer, or the copy of it a step of the IT saved (e.g. 'target/run1'). */
    File outputDir(String relative = 'target/docker-layer') {
        return existing(relative)
    }

    Map imageJson(String outDir = 'target/docker-layer') {
        return json(new File(outputDir(outDir), 'image.json')) as Map
    }

    Map baseJson(String outDir = 'target/docker-layer') {
        return json(new File(outputDir(outDir), 'base.json')) as Map
    }

    File layout(String outDir = 'target/docker-layer') {
        File oci = new File(outputDir(outDir), 'oci')
        check(new File(oci, 'oci-layout').isFile(), "${oci} is not an OCI image layout (no oci-layout file)")
        check(new File(oci, 'index.json').isFile(), "${oci} is not an OCI image layout (no index.json)")
        return oci
    }

    Map index(String outDir = 'target/docker-layer') {
        return json(new File(layout(outDir), 'index.json')) as Map
    }

    /** The index.json entries of one role ('base' or 'app'). */
    List<Map> indexEntries(String role, String outDir = 'target/docker-layer') {
        return (index(outDir).manifests as List<Map>).findAll { (it.annotations ?: [:])[ROLE] == role }
    }

    /**
     * The base version: the tag of base.json's image, checked to be the ref.name of exactly one index.json entry
     * with role base and the base.json digest.
     */
    String baseTag(String outDir = 'target/docker-layer') {
        Map base = baseJson(outDir)
        String version = tagOf(base.image as String)
        List<Map> bases = indexEntries('base', outDir)
        List<Map> matching = bases.findAll { it.annotations[REF_NAME] == version }
        check(matching.size() == 1, "${outDir}/oci/index.json: expected exactly one entry with ${ROLE}=base and " +
                "${REF_NAME}=${version} (the version of base.json's image ${base.image}), found ${matching.size()}; " +
                "index.json: ${show(index(outDir))}")
        checkEquals(base.digest, matching[0].digest, "${outDir}: digest of the base entry ${version} in index.json vs base.json")
        return version
    }

    File blob(String digest, String outDir = 'target/docker-layer') {
        String[] parts = digest.split(':', 2)
        return new File(layout(outDir), "blobs/${parts[0]}/${parts[1]}")
    }

    /** The tag part of "repo:tag". */
    static String tagOf(String reference) {
        return reference.substring(repoOf(reference).length() + 1)
    }

    /** The repository part of "repo:tag" (the tag has no '/' and no ':'). */
    static String repoOf(String reference) {
        int colon = reference.lastIndexOf(':')
        check(colon > reference.lastIndexOf('/'), "'${reference}' has no tag")
        return reference.substring(0, colon)
    }

    // ---------------------------------------------------------------------------------------------------------
    // Independent readers: skopeo, umoci, tar
    // ---------------------------------------------------------------------------------------------------------

    String ociRef(String tag, String outDir = 'target/docker-layer') {
        return "oci:${layout(outDir).absolutePath}:${tag}"
    }

    /** `skopeo inspect --raw`: the manifest bytes exactly as stored. */
    String skopeoRawManifest(String tag, String outDir = 'target/docker-layer') {
        return run(['skopeo', 'inspect', '--raw', ociRef(tag, outDir)])
    }

    Map skopeoManifest(String tag, String outDir = 'target/docker-layer') {
        return parseJson(skopeoRawManifest(tag, outDir)) as Map
    }

    /** `skopeo inspect --config --raw`: the config bytes exactly as stored. */
    String skopeoRawConfig(String tag, String outDir = 'target/docker-layer') {
        return run(['skopeo', 'inspect', '--config', '--raw', ociRef(tag, outDir)])
    }

    Map skopeoConfig(String tag, String outDir = 'target/docker-layer') {
        return parseJson(skopeoRawConfig(tag, outDir)) as Map
    }

    /**
     * `skopeo inspect`: skopeo's own summary (Digest, Labels, Env, Layers, ...) of a tag of the OCI layout in outDir
     * (default target/docker-layer). A reference naming a registry instead (host:port/repo:tag, repo@sha256:...,
     * docker://...; a tag never holds a '/') is inspected there, and the second argument is then the credentials
     * ("user:password"; null = anonymous): skopeoInspect("${env('DL_TOKEN_REGISTRY')}/it/app:1", 'dltest:dltest-secret').
     */
    Map skopeoInspect(String tagOrReference, String outDirOrCreds = null) {
        if (isRemote(tagOrReference)) {
            return parseJson(run(['skopeo', 'inspect'] + skopeoRemoteFlags(outDirOrCreds) + [dockerTransport(tagOrReference)])) as Map
        }
        return parseJson(run(['skopeo', 'inspect', ociRef(tagOrReference, outDirOrCreds ?: 'target/docker-layer')])) as Map
    }

    /** Layer digests of a manifest, bottom to top, as skopeo reads them. */
    List<String> layerDigests(String tag, String outDir = 'target/docker-layer') {
        return (skopeoManifest(tag, outDir).layers as List<Map>).collect { it.digest as String }
    }

    /** `umoci unpack --rootless` of one tag into a fresh bundle directory; returns the bundle's rootfs. */
    File umociUnpack(String tag, String bundleRelative, String outDir = 'target/docker-layer') {
        File bundle = file(bundleRelative)
        if (bundle.exists()) {
            bundle.deleteDir()
        }
        run(['umoci', 'unpack', '--rootless', '--image', "${layout(outDir).absolutePath}:${tag}", bundle.absolutePath])
        File rootfs = new File(bundle, 'rootfs')
        check(rootfs.isDirectory(), "umoci unpack of ${tag} made no ${rootfs}")
        return rootfs
    }

    /** Entry names of a gzipped layer tar, as GNU tar lists them (directories end with '/'). */
    List<String> tarNames(File layerBlob) {
        return run(['tar', '-tzf', layerBlob.absolutePath]).readLines().findAll { !it.isEmpty() && it != './' }
                .collect { normalize(it) }
    }

    /**
     * Verbose listing of a gzipped layer tar: [mode, owner, size, date, time, name] per entry, numeric owners,
     * full times in UTC.
     */
    List<Map> tarEntries(File layerBlob) {
        String out = run(['tar', '--numeric-owner', '--full-time', '-tvzf', layerBlob.absolutePath], 300, [TZ: 'UTC'])
        return out.readLines().findAll { !it.isEmpty() }.collect { String line ->
            // -rw-r--r-- 0/0            1234 2026-01-01 00:00:00 app/classes/demo/Main.class
            def m = line =~ /^(\S+)\s+(\S+)\s+(\d+)\s+(\S+)\s+(\S+)\s+(.*)$/
            check(m.matches(), "unexpected tar listing line: ${line}")
            String name = normalize(m.group(6))
            int arrow = name.indexOf(' -> ')
            if (m.group(1).startsWith('l') && arrow >= 0) {
                name = name.substring(0, arrow)
            }
            [mode: m.group(1), owner: m.group(2), size: m.group(3) as long, date: m.group(4), time: m.group(5),
             name: name]
        }
    }

    /** The bytes of one entry of a gzipped layer tar, read with GNU tar, or null when the layer has no such entry. */
    byte[] tarRead(File layerBlob, String name) {
        File tmp = Files.createTempFile('layer-entry', '.bin').toFile()
        try {
            Map r = exec(['sh', '-c', 'tar -xzOf "$1" "$2" > "$3"', 'sh', layerBlob.absolutePath, name, tmp.absolutePath])
            return r.rc == 0 ? tmp.bytes : null
        } finally {
            tmp.delete()
        }
    }

    /** sha256 of a gzipped blob's uncompressed bytes (a layer's diffId), computed by gzip and sha256sum. */
    String uncompressedDigest(File gzipped) {
        String out = run(['bash', '-c', 'set -o pipefail; gzip -dc "$1" | sha256sum', 'bash', gzipped.absolutePath])
        return 'sha256:' + out.trim().split(/\s+/)[0]
    }

    /** A tar entry name without a leading "./" or "/". */
    static String normalize(String name) {
        String n = name
        while (n.startsWith('./') || n.startsWith('/')) {
            n = n.startsWith('./') ? n.substring(2) : n.substring(1)
        }
        return n
    }

    // ---------------------------------------------------------------------------------------------------------
    // Whole-layout checks
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Every blob that index.json reaches (manifests, configs, layers) exists, has the size the descriptor
     * says and hashes to its digest.
     */
    void checkLayoutIntegrity(String outDir = 'target/docker-layer') {
        Map idx = index(outDir)
        checkEquals(2, idx.schemaVersion, "${outDir}/oci/index.json schemaVersion")
        File ociLayoutFile = new File(layout(outDir), 'oci-layout')
        checkEquals('1.0.0', (json(ociLayoutFile) as Map).imageLayoutVersion, "${ociLayoutFile} imageLayoutVersion")
        for (Map entry : (idx.manifests as List<Map>)) {
            checkBlob(entry, outDir)
            Map manifest = json(blob(entry.digest as String, outDir)) as Map
            checkEquals(2, manifest.schemaVersion, "manifest ${entry.digest} schemaVersion")
            checkBlob(manifest.config as Map, outDir)
            for (Map layer : (manifest.layers as List<Map>)) {
                checkBlob(layer, outDir)
            }
        }
    }

    void checkBlob(Map descriptor, String outDir) {
        File f = blob(descriptor.digest as String, outDir)
        check(f.isFile(), "blob ${descriptor.digest} (${descriptor.mediaType}) is missing from ${layout(outDir)}")
        checkEquals(descriptor.size as long, f.length(), "size of blob ${descriptor.digest}")
        checkEquals(descriptor.digest, sha256(f), "sha256 of blob file ${f}")
    }

    /**
     * index.json entries are annotated as the contract says: the app's tags and the base version as ref.name,
     * repo:tag as io.containerd.image.name, and the role; image.json/base.json agree with what skopeo reads.
     */
    void checkIndexAnnotations(String outDir = 'target/docker-layer') {
        Map image = imageJson(outDir)
        Map base = baseJson(outDir)
        String appRepo = repoOf(image.image as String)
        String baseRepo = repoOf(base.image as String)
        String baseVersion = baseTag(outDir)

        List<Map> apps = indexEntries('app', outDir)
        checkEquals((image.tags as List).toSorted(), apps.collect { it.annotations[REF_NAME] }.toSorted(),
                "ref.name of the app entries in ${outDir}/oci/index.json")
        for (Map entry : apps) {
            String tag = entry.annotations[REF_NAME]
            checkEquals("${appRepo}:${tag}".toString(), entry.annotations[CONTAINERD_NAME],
                    "${CONTAINERD_NAME} of app tag ${tag}")
            checkEquals(image.digest, entry.digest, "index digest of app tag ${tag} vs image.json digest")
            checkEquals(image.digest, sha256(skopeoRawManifest(tag, outDir).getBytes('UTF-8')),
                    "sha256 of the manifest skopeo reads for app tag ${tag} vs image.json digest")
        }
        Map baseEntry = indexEntries('base', outDir).find { it.annotations[REF_NAME] == baseVersion }
        checkEquals("${baseRepo}:${baseVersion}".toString(), baseEntry.annotations[CONTAINERD_NAME],
                "${CONTAINERD_NAME} of the base entry")
        checkEquals(base.image, "${baseRepo}:${baseVersion}".toString(), 'base.json image vs the base entry of index.json')
        checkEquals(base.digest, baseEntry.digest, 'base.json digest vs index.json')
        checkEquals(base.digest, sha256(skopeoRawManifest(baseVersion, outDir).getBytes('UTF-8')),
                "sha256 of the base manifest skopeo reads (tag ${baseVersion}) vs base.json digest")
        checkEquals(base.image, (image.base as Map)?.image, 'image.json base.image vs base.json image')
        checkEquals(base.digest, (image.base as Map)?.digest, 'image.json base.digest vs base.json digest')
        checkEquals(manifestConfigDigest(image.tags[0] as String, outDir), image.imageId, 'image.json imageId vs the app config digest')
        checkEquals(manifestConfigDigest(baseVersion, outDir), base.imageId, 'base.json imageId vs the base config digest')
    }

    String manifestConfigDigest(String tag, String outDir = 'target/docker-layer') {
        return (skopeoManifest(tag, outDir).config as Map).digest
    }

    /** The default base version: the first 12 hex digits of the base config digest (the image ID). */
    void checkBaseVersionDerived(String outDir = 'target/docker-layer') {
        String version = baseTag(outDir)
        String digest = manifestConfigDigest(version, outDir)
        checkEquals(digest.substring('sha256:'.length(), 'sha256:'.length() + 12), version,
                "base version tag vs the first 12 hex digits of the base config digest ${digest}")
    }

    /** role of each layer digest, from base.json and image.json. */
    Map<String, String> rolesByDigest(String outDir = 'target/docker-layer') {
        Map<String, String> roles = [:]
        for (Map doc : [baseJson(outDir), imageJson(outDir)]) {
            for (Map layer : (doc.layers as List<Map>)) {
                roles[layer.digest as String] = layer.role as String
            }
        }
        return roles
    }

    /** The layer of one role in image.json or base.json (throws unless exactly one). */
    Map layerOfRole(String role, String outDir = 'target/docker-layer') {
        List<Map> all = (baseJson(outDir).layers as List<Map>) + (imageJson(outDir).layers as List<Map>)
        List<Map> found = all.findAll { it.role == role }.unique { it.digest }
        check(found.size() == 1, "expected one '${role}' layer in ${outDir}/base.json + image.json, found ${found.size()}: " +
                show(all.collect { [role: it.role, digest: it.digest] }))
        return found[0]
    }

    /** The app's layers bottom to top start with the base's layers (skopeo's view of both manifests). */
    void checkAppOnBase(String outDir = 'target/docker-layer') {
        List<String> app = layerDigests(imageJson(outDir).tags[0] as String, outDir)
        List<String> base = layerDigests(baseTag(outDir), outDir)
        check(app.size() > base.size() && app.subList(0, base.size()) == base,
                "the app manifest's layers do not start with the base manifest's layers:\n app:  ${app}\n base: ${base}")
    }

    /**
     * For a build that must fail in the plugin (invoker.buildResult = failure): the failure is the plugin's (not the
     * compiler's), its message names the parameter, mentions each of mustMention and at least one of the fix hints
     * (regular expressions, case-insensitive), and no OCI layout was left behind.
     */
    void checkPluginFailure(String parameter, List<String> mustMention, List<String> fixHints) {
        String buildLog = buildLog()
        check(buildLog.contains('BUILD FAILURE'), "build.log does not report BUILD FAILURE")
        check(file('target/classes').isDirectory(), 'target/classes is missing: the build failed before the plugin ran')
        List<String> errors = buildLog.readLines().findAll { it.startsWith('[ERROR]') }
        String goalLine = errors.find { it.contains('Failed to execute goal io.github.dockerlayer:docker-layer-maven-plugin:') }
        check(goalLine != null, "build.log has no '[ERROR] Failed to execute goal io.github.dockerlayer:docker-layer-maven-plugin:...' " +
                "line: the build did not fail in the plugin. [ERROR] lines:\n${errors.join('\n')}")
        String message = errors.join('\n')
        for (String needle : [parameter] + mustMention) {
            check(message.contains(needle), "the plugin's error does not mention ${needle}:\n${message}")
        }
        check(fixHints.any { message =~ ('(?i)' + it) }, "the plugin's error does not say how to fix it " +
                "(expected one of ${fixHints}):\n${message}")
        for (String bad : ['NullPointerException', 'ClassCastException', 'IllegalStateException', 'ArrayIndexOutOfBounds']) {
            check(!buildLog.contains(bad), "build.log shows a ${bad}, not a clear error:\n${message}")
        }
        check(!file('target/docker-layer/oci').exists(), 'target/docker-layer/oci exists after the failed first build: ' +
                "${file('target/docker-layer/oci').list()}")
        log("plugin error, as expected:\n${goalLine}")
    }

    // ---------------------------------------------------------------------------------------------------------
    // Registries of the test environment: access logs, token requests
    // ---------------------------------------------------------------------------------------------------------

    /** The registry names of .ci/testenv, by the environment variable holding each one's address. */
    static final Map<String, String> REGISTRY_NAMES = [DL_REGISTRY: 'registry', DL_AUTH_REGISTRY: 'auth-registry',
                                                       DL_TOKEN_REGISTRY: 'token-registry']

    /**
     * A log file of .ci/testenv in $DL_TESTENV_STATE: a registry's access log (name 'registry', 'auth-registry',
     * 'token-registry', or its address as in DL_REGISTRY, ...; one line a request) or 'token-service' (one line a
     * token request).
     */
    File testenvLog(String name) {
        String file = name
        if (name.contains(':')) {
            file = REGISTRY_NAMES.find { String variable, String registry -> System.getenv(variable) == name }?.value
            check(file != null, "${name} is none of the registries of the test environment " +
                    "(${REGISTRY_NAMES.keySet().collect { "${it}=${System.getenv(it)}" }.join(', ')}). ${HINT}")
        }
        File f = new File(env('DL_TESTENV_STATE'), "${file}.log")
        check(f.isFile(), "${f} does not exist: is ${name} a service of .ci/testenv, and is it running? ${HINT}")
        return f
    }

    /** The complete lines of a log another process appends to (a last line still being written is left out). */
    static List<String> completeLines(File f) {
        String text = f.getText('UTF-8')
        List<String> lines = text.split('\n', -1) as List<String>
        lines.remove(lines.size() - 1) // after the last '\n': empty, or a line not finished yet
        return lines
    }

    /** A mark for the *Since helpers: how many lines the log has now. Take it before the build you look at. */
    int logMark(String name) {
        return completeLines(testenvLog(name)).size()
    }

    /**
     * The requests a registry logged since a mark, parsed (see parseAccessLine), oldest first. Other ITs run at the
     * same time against the same registries: give repository (e.g. 'it/push-retry/app') to keep only requests to it
     * (/v2/REPOSITORY/...), and use repositories no other IT uses.
     */
    List<Map> accessLogSince(String registry, int mark, String repository = null) {
        List<String> lines = completeLines(testenvLog(registry))
        check(mark <= lines.size(), "mark ${mark} is beyond the ${lines.size()} lines of ${testenvLog(registry)}")
        List<Map> requests = lines.subList(mark, lines.size()).findAll { !it.isBlank() }.collect { parseAccessLine(it) }
        return repository == null ? requests : requests.findAll { it.repository == repository }
    }

    static final java.util.regex.Pattern ACCESS_LINE =
            ~/^(\S+) \S+ (\S+) \[([^\]]+)\] "(\S+) (\S+) [^"]*" (\d{3}) (\S+) "([^"]*)" "([^"]*)"/

    /**
     * One line of a registry access log (gorilla combined format) as [method, path, query: [name: decoded value],
     * status: int, bytes: long, agent, repository (the NAME of /v2/NAME/..., null for /v2/), line].
     */
    static Map parseAccessLine(String line) {
        def m = line =~ ACCESS_LINE
        check(m.find(), "not a registry access log line: ${line}")
        String uri = m.group(5)
        int q = uri.indexOf('?')
        String path = q < 0 ? uri : uri.substring(0, q)
        def repo = path =~ /^\/v2\/(.+?)\/(?:blobs\/uploads\/.*|blobs\/[^\/]+|manifests\/[^\/]+|tags\/list)$/
        return [method    : m.group(4), path: path, query: parseQuery(q < 0 ? '' : uri.substring(q + 1)),
                status    : m.group(6) as int, bytes: m.group(7) == '-' ? 0L : m.group(7) as long, agent: m.group(9),
                repository: repo.matches() ? repo.group(1) : null, line: line]
    }

    static Map<String, String> parseQuery(String query) {
        Map<String, String> params = [:]
        for (String pair : query.split('&')) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=')
                params[URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), 'UTF-8')] =
                        eq < 0 ? '' : URLDecoder.decode(pair.substring(eq + 1), 'UTF-8')
            }
        }
        return params
    }

    /** Access log lines as parsed requests: accepts what accessLogSince returns, or the raw lines. */
    static List<Map> asRequests(List lines) {
        return lines.collect { it instanceof Map ? it : parseAccessLine(it as String) }
    }

    /**
     * The blob uploads a push completed: the closing `PUT .../blobs/uploads/UUID?digest=...` answered 201, or a
     * one-shot `POST .../blobs/uploads/?digest=...` answered 201 (the 2.8 registry of the test environment does not
     * do those: it answers 202 and starts a session). [repository, digest, method, request] each, oldest first.
     */
    static List<Map> finishedUploads(List lines) {
        return asRequests(lines).findAll {
            it.status == 201 && it.query.digest && !it.query.mount && (
                    (it.method == 'PUT' && it.path ==~ /\/v2\/.+\/blobs\/uploads\/[^\/]+/) ||
                            (it.method == 'POST' && it.path ==~ /\/v2\/.+\/blobs\/uploads\/?/))
        }.collect { [repository: it.repository, digest: it.query.digest, method: it.method, request: it] }
    }

    /**
     * The cross-repository mounts that worked: `POST .../blobs/uploads/?mount=DIGEST&from=REPO` answered 201 (a
     * mount the registry refuses is answered 202, an upload session: not listed). [repository, digest, from, request].
     */
    static List<Map> mounts(List lines) {
        return asRequests(lines).findAll { it.method == 'POST' && it.status == 201 && it.query.mount }
                .collect { [repository: it.repository, digest: it.query.mount, from: it.query.from, request: it] }
    }

    /** The manifests a push stored: `PUT .../manifests/REFERENCE` answered 201. [repository, reference, request]. */
    static List<Map> manifestPuts(List lines) {
        return asRequests(lines).findAll { it.method == 'PUT' && it.status == 201 && it.path ==~ /\/v2\/.+\/manifests\/[^\/]+/ }
                .collect { [repository: it.repository, reference: it.path.substring(it.path.lastIndexOf('/') + 1), request: it] }
    }

    /**
     * The token requests the token service logged since a mark (logMark('token-service')): each line's key=value
     * fields, e.g. [time, method, status, user ('-' = anonymous), grant (basic, anonymous, password, refresh_token),
     * service, requested, granted (';'-separated scopes, '-' = none), expires_in or error].
     */
    List<Map<String, String>> tokenRequestsSince(int mark) {
        List<String> lines = completeLines(testenvLog('token-service'))
        return lines.subList(Math.min(mark, lines.size()), lines.size()).findAll { !it.isBlank() }.collect { keyValues(it) }
    }

    /** "a=1 b=2" as [a: '1', b: '2'] (the line format of the token service and the fault proxy logs). */
    static Map<String, String> keyValues(String line) {
        Map<String, String> fields = [:]
        for (String field : line.trim().split(' ')) {
            int eq = field.indexOf('=')
            if (eq > 0) {
                fields[field.substring(0, eq)] = field.substring(eq + 1)
            }
        }
        return fields
    }

    // ---------------------------------------------------------------------------------------------------------
    // Remote images: skopeo and the Docker engine
    // ---------------------------------------------------------------------------------------------------------

    /** Does the reference name a registry (host:port/repo:tag, repo@sha256:..., docker://...) rather than a tag? */
    static boolean isRemote(String reference) {
        return reference.startsWith('docker://') || reference.contains('/')
    }

    static String dockerTransport(String reference) {
        return reference.startsWith('docker://') ? reference : "docker://${reference}"
    }

    /** skopeo flags for the loopback registries: plain http, and the credentials or none (never ambient ones). */
    static List<String> skopeoRemoteFlags(String creds) {
        return ['--tls-verify=false'] + (creds ? ['--creds', creds] : ['--no-creds'])
    }

    /**
     * `skopeo inspect --raw` of a remote reference: the manifest (or index) bytes exactly as the registry serves them.
     * creds: "user:password", or null for anonymous.
     */
    String skopeoInspectRaw(String reference, String creds = null) {
        return run(['skopeo', 'inspect', '--raw'] + skopeoRemoteFlags(creds) + [dockerTransport(reference)])
    }

    /** sha256 of the manifest bytes the registry serves for a reference (what `repo@sha256:...` names). */
    String registryManifestDigest(String reference, String creds = null) {
        return sha256(skopeoInspectRaw(reference, creds).getBytes('UTF-8'))
    }

    /** "host:port/repo/name:tag" without the tag or digest: "host:port/repo/name" (docker:// dropped). */
    static String remoteRepository(String reference) {
        String r = reference.startsWith('docker://') ? reference.substring(9) : reference
        int at = r.indexOf('@')
        if (at >= 0) {
            return r.substring(0, at)
        }
        int colon = r.lastIndexOf(':')
        return colon > r.lastIndexOf('/') ? r.substring(0, colon) : r
    }

    /** The first 12 hex digits of a digest: how `docker pull` names a layer. */
    static String shortId(String digest) {
        return digest.substring(digest.indexOf(':') + 1, digest.indexOf(':') + 13)
    }

    /**
     * `docker pull REFERENCE` into the engine of the test environment (DOCKER_HOST). creds ("user:password") go into a
     * private DOCKER_CONFIG for this one pull: nothing is written to ~/.docker. Returns [pulled: short ids of the
     * layers the engine downloaded ("<id>: Pull complete"), existing: those it had already ("<id>: Already exists"),
     * digest: the manifest digest it reports, output]. Compare with shortId(layer digest). The engine is shared by
     * the ITs running at the same time: a layer another IT pulled (or the JRE's) may already exist.
     */
    Map dockerPull(String reference, String creds = null) {
        String ref = reference.startsWith('docker://') ? reference.substring(9) : reference
        Map<String, String> extraEnv = [DOCKER_HOST: env('DOCKER_HOST')]
        File config = null
        if (creds) {
            config = Files.createTempDirectory('dl-docker-config').toFile()
            String host = ref.substring(0, ref.indexOf('/'))
            new File(config, 'config.json').setText(JsonOutput.toJson([auths: [(host): [auth: creds.bytes.encodeBase64().toString()]]]), 'UTF-8')
            extraEnv.DOCKER_CONFIG = config.absolutePath
        }
        String out
        try {
            out = run(['docker', 'pull', ref], 600, extraEnv)
        } finally {
            config?.deleteDir()
        }
        List<String> lines = out.readLines()
        List<String> pulled = lines.findAll { it ==~ /[0-9a-f]{12}: Pull complete/ }.collect { it.substring(0, 12) }
        List<String> existing = lines.findAll { it ==~ /[0-9a-f]{12}: Already exists/ }.collect { it.substring(0, 12) }
        String digest = lines.find { it.startsWith('Digest: ') }?.substring(8)?.trim()
        check(digest != null || lines.any { it.startsWith('Status: Image is up to date') },
                "`docker pull ${ref}` printed no Digest line:\n${out}")
        return [pulled: pulled, existing: existing, digest: digest, output: out]
    }

    /** `docker image rm` of a reference in the test engine, so that the next dockerPull pulls again (no error if absent). */
    void dockerRemoveImage(String reference) {
        exec(['docker', 'image', 'rm', '--force', reference.startsWith('docker://') ? reference.substring(9) : reference],
                120, [DOCKER_HOST: env('DOCKER_HOST')])
    }

    // ---------------------------------------------------------------------------------------------------------
    // The fault proxy (.ci/tools/FaultProxy.java)
    // ---------------------------------------------------------------------------------------------------------

    /** .ci/tools/FaultProxy.java of the checkout these ITs run from (found above basedir). */
    File faultProxySource() {
        for (File d = basedir.absoluteFile; d != null; d = d.parentFile) {
            File f = new File(d, '.ci/tools/FaultProxy.java')
            if (f.isFile()) {
                return f
            }
        }
        throw new AssertionError("no .ci/tools/FaultProxy.java in ${basedir.absolutePath} or a directory above it")
    }

    /** Where a proxy on port keeps its files: in basedir, not target/ (a build's `clean` must not remove them). */
    Map faultProxy(int port) {
        return [port   : port, address: "127.0.0.1:${port}".toString(), log: file("fault-proxy-${port}.log"),
                pidFile: file("fault-proxy-${port}.pid"), out: file("fault-proxy-${port}.out")]
    }

    /**
     * Starts the fault proxy on 127.0.0.1:port in front of target (default DL_REGISTRY) with a fault plan (the grammar
     * is at the top of .ci/tools/FaultProxy.java; 'none' forwards everything) and waits until it listens. Use a fixed
     * port per IT (no two ITs share one). It runs with the JDK running Maven, ends with that JVM at the latest, and
     * logs one line a request to basedir/fault-proxy-PORT.log. A proxy an earlier run left on the port's pid file is
     * stopped first. From a pre-build hook, stop it in the verify script with stopFaultProxy(port), in a finally.
     * Returns [port, address, pid, log, pidFile, out, plan, target].
     */
    Map startFaultProxy(int port, String plan, String target = env('DL_REGISTRY')) {
        Map proxy = faultProxy(port)
        stopFaultProxy(proxy)
        (proxy.log as File).delete()
        (proxy.out as File).delete()
        String java = new File(System.getProperty('java.home'), 'bin/java').absolutePath
        List<String> cmd = [java, faultProxySource().absolutePath, '--listen', proxy.address, '--target', target,
                            '--plan', plan, '--log', (proxy.log as File).absolutePath,
                            '--pid-file', (proxy.pidFile as File).absolutePath, '--exit-with-parent']
        Process process = new ProcessBuilder(cmd).directory(basedir)
                .redirectInput(ProcessBuilder.Redirect.from(new File('/dev/null')))
                .redirectOutput(proxy.out as File).redirectErrorStream(true).start()
        long deadline = System.currentTimeMillis() + 60_000 // java compiles the file first: a few seconds
        while (!(proxy.pidFile as File).isFile() || !listens(port)) {
            if (!process.alive || System.currentTimeMillis() > deadline) {
                process.destroyForcibly()
                throw new AssertionError("the fault proxy on ${proxy.address} (plan ${plan}) did not start" +
                        "${process.alive ? ' within 60 s' : ", exit code ${process.waitFor()}"}:\n`${cmd.join(' ')}`\n" +
                        "${(proxy.out as File).isFile() ? (proxy.out as File).getText('UTF-8') : ''}")
            }
            sleep(100)
        }
        proxy.pid = process.pid()
        proxy.plan = plan
        proxy.target = target
        log("fault proxy ${proxy.address} -> ${target} (pid ${proxy.pid}), plan ${plan}")
        return proxy
    }

    static boolean listens(int port) {
        Socket s = new Socket()
        try {
            s.connect(new InetSocketAddress('127.0.0.1', port), 500)
            return true
        } catch (IOException ignored) {
            return false
        } finally {
            s.close()
        }
    }

    void stopFaultProxy(int port) {
        stopFaultProxy(faultProxy(port))
    }

    /**
     * Stops a fault proxy by the PID in its pid file, only if that process is a FaultProxy with this pid file (a
     * recycled PID is left alone): TERM, up to 10 s, then KILL. No error when it is not running.
     */
    void stopFaultProxy(Map proxy) {
        File pidFile = proxy.pidFile as File
        if (!pidFile.isFile()) {
            return
        }
        long pid = pidFile.text.trim() as long
        ProcessHandle handle = ProcessHandle.of(pid).orElse(null)
        File cmdline = new File("/proc/${pid}/cmdline")
        String args = cmdline.isFile() ? new String(cmdline.bytes, 'UTF-8').replace('\u0000' as char, ' ' as char) : ''
        if (handle != null && handle.alive && args.contains('FaultProxy.java') && args.contains(pidFile.absolutePath)) {
            handle.destroy()
            try {
                handle.onExit().get(10, TimeUnit.SECONDS)
            } catch (TimeoutException ignored) {
                handle.destroyForcibly()
                handle.onExit().get(10, TimeUnit.SECONDS)
            }
            log("stopped the fault proxy ${proxy.address ?: ''} (pid ${pid})")
        }
        pidFile.delete()
    }

    /**
     * The request lines of a fault proxy's log, as key=value maps: [time, conn, req, method, path (query values
     * other than digest, mount, from, n, last are '...'), status ('-' = no answer reached the client), fault ('-',
     * 'reset', 'reset-after', a status, 'gone-after', 'cut', 'slow', 'not-http', or several joined by '+'), body, up,
     * down, ms]. faultProxyEvents gives the other lines (event=start, gone, stop).
     */
    List<Map<String, String>> faultProxyRequests(Map proxy) {
        return completeLines(proxy.log as File).collect { keyValues(it) }.findAll { it.method != null && it.method != '-' }
    }

    List<Map<String, String>> faultProxyEvents(Map proxy) {
        return completeLines(proxy.log as File).collect { keyValues(it) }.findAll { it.event != null }
    }
}

return new ItSupport(basedir as File)
