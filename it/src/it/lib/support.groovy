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
 */

import groovy.json.JsonOutput
import groovy.json.JsonSlurper

import java.nio.file.Files
import java.security.MessageDigest
import java.util.concurrent.TimeUnit

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

    /** `skopeo inspect`: skopeo's own summary (Digest, Labels, Env, Layers, ...). */
    Map skopeoInspect(String tag, String outDir = 'target/docker-layer') {
        return parseJson(run(['skopeo', 'inspect', ociRef(tag, outDir)])) as Map
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
}

return new ItSupport(basedir as File)
