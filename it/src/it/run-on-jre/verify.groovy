// IT run-on-jre: target/from-oci is the build on the JRE read from an OCI layout, target/docker-layer the build
// on the same JRE read from a docker-archive. Each base sits on the JRE image's layers; skopeo copies each app
// image into the test dockerd, docker runs it with no network, and its output proves dependencies, resources,
// jvmFlags, args and environment.
def dl = evaluate(new File(itLib, 'support.groovy'))

String dockerHost = dl.env('DOCKER_HOST')
String jreOci = dl.env('DL_JRE_OCI')
String tag = '1.0.0'
Map builds = ['target/from-oci': 'oci', 'target/docker-layer': 'archive']

String jreRawManifest = dl.run(['skopeo', 'inspect', '--raw', "oci:${jreOci}:17"])
Map jreConfig = dl.parseJson(dl.run(['skopeo', 'inspect', '--config', '--raw', "oci:${jreOci}:17"]))
List jreDiffIds = jreConfig.rootfs.diff_ids
String jrePath = (jreConfig.config?.Env ?: []).find { it.startsWith('PATH=') }

builds.each { String outDir, String kind ->
    dl.checkLayoutIntegrity(outDir)
    dl.checkIndexAnnotations(outDir)
    dl.checkBaseVersionDerived(outDir)
    dl.checkAppOnBase(outDir)

    // The base starts with the JRE image's layers (same uncompressed content, same order), role "from".
    List baseDiffIds = dl.skopeoConfig(dl.baseTag(outDir), outDir).rootfs.diff_ids
    dl.check(baseDiffIds.size() > jreDiffIds.size() && baseDiffIds.take(jreDiffIds.size()) == jreDiffIds,
            "${kind}: the base's rootfs.diff_ids do not start with the JRE image's:\n base: ${baseDiffIds}\n jre:  ${jreDiffIds}")
    List fromLayers = dl.baseJson(outDir).layers.findAll { it.role == 'from' }
    dl.checkEquals(jreDiffIds, fromLayers*.diffId, "${kind}: diffIds of the base.json layers with role 'from' vs the JRE image")
    for (Map layer : fromLayers) {
        dl.checkEquals(layer.diffId, dl.uncompressedDigest(dl.blob(layer.digest, outDir)), "${kind}: diffId of from-layer ${layer.digest} vs its gunzipped blob")
    }
    // The JRE's own settings (PATH to java) survive into the app's config, next to the app's environment.
    List env = dl.skopeoConfig(tag, outDir).config.Env
    dl.check(jrePath == null || env.contains(jrePath), "${kind}: the app config lost the JRE image's ${jrePath}: ${env}")
    dl.check(env.contains('GREETING_TARGET=docker layer'), "${kind}: the app config lacks GREETING_TARGET=docker layer: ${env}")
    // A resource name is not ASCII and the JRE image sets no locale: the plugin sets one so java finds the file.
    dl.check(env.contains('LANG=C.UTF-8'), "${kind}: the app config lacks LANG=C.UTF-8: ${env}")
}
dl.checkEquals(dl.sha256(jreRawManifest.getBytes('UTF-8')), dl.baseJson('target/from-oci').from?.digest,
        'oci: base.json from.digest vs the JRE manifest digest (skopeo inspect --raw)')
dl.log("JRE layers ${dl.parseJson(jreRawManifest).layers*.digest}; from-layers of the oci build " +
        "${dl.baseJson('target/from-oci').layers.findAll { it.role == 'from' }*.digest}, of the archive build " +
        "${dl.baseJson().layers.findAll { it.role == 'from' }*.digest}")

// Where the JRE came from changes nothing above it: the layers of the project itself are the same. (The base
// versions differ: skopeo's OCI copy of the JRE has an OCI config, docker save's archive docker's fuller one.)
for (String role : ['dependencies', 'resources', 'classes', 'launch']) {
    dl.checkEquals(dl.layerOfRole(role, 'target/from-oci').digest, dl.layerOfRole(role).digest,
            "digest of the ${role} layer, oci build vs docker-archive build")
}

// Into the daemon with skopeo, run with no network, then remove it again.
List<String> expected = [
        'greeting: Hello, Docker layer!',
        'flag: on',
        'args: one|two words',
        'resource: read from /app/resources',
        'non-ascii resource: found',
        'java: 17',
]
builds.each { String outDir, String kind ->
    String dockerRef = "docker-layer-it/run-on-jre:${kind}"
    dl.exec(['docker', 'rmi', '-f', dockerRef], 120)
    try {
        dl.run(['skopeo', 'copy', '--dest-daemon-host', dockerHost, dl.ociRef(tag, outDir), "docker-daemon:${dockerRef}"], 600)
        String imageId = dl.run(['docker', 'image', 'inspect', '--format', '{{.Id}}', dockerRef], 60).trim()
        dl.checkEquals(dl.imageJson(outDir).imageId, imageId, "${kind}: docker image inspect Id vs image.json imageId")

        String out = dl.run(['docker', 'run', '--rm', '--network', 'none', dockerRef], 300)
        dl.log("docker run ${dockerRef} printed:\n${out}")
        dl.checkEquals(expected, out.readLines()*.trim().findAll { it }, "output of docker run --network none ${dockerRef}")
    } finally {
        Map r = dl.exec(['docker', 'rmi', '-f', dockerRef], 120)
        if (r.rc != 0) {
            dl.log("warning: docker rmi -f ${dockerRef} failed: ${r.err}")
        }
    }
}
true
