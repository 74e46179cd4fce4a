// IT inspect-unpack: what skopeo inspect reports, what umoci unpack puts on disk, and what GNU tar lists in
// every app layer agree with the plugin's configuration and the contract.
def dl = evaluate(new File(itLib, 'support.groovy'))

String repo = 'docker-layer-it/inspect-unpack'
List<String> tags = ['2.3', 'latest']
String mainClass = 'demo.web.Server'

dl.checkLayoutIntegrity()
dl.checkIndexAnnotations()
dl.checkBaseVersionDerived()
dl.checkAppOnBase()
Map image = dl.imageJson()
dl.checkEquals("${repo}:2.3".toString(), image.image, 'image.json image')
dl.checkEquals(tags, image.tags, 'image.json tags')
dl.check(dl.baseJson().image.startsWith("${repo}-base:"), "base.json image should default to ${repo}-base:<version>, was ${dl.baseJson().image}")

// --- skopeo inspect (skopeo's own summary) -------------------------------------------------------------------
Map first = dl.skopeoInspect('2.3')
Map second = dl.skopeoInspect('latest')
dl.checkEquals(image.digest, first.Digest, 'skopeo inspect Digest of tag 2.3 vs image.json digest')
dl.checkEquals(first.Digest, second.Digest, 'skopeo inspect Digest of tag latest vs tag 2.3')
dl.checkEquals('linux', first.Os, 'skopeo inspect Os')
dl.check(first.Architecture in ['amd64', 'arm64'], "skopeo inspect Architecture: expected amd64 or arm64, was ${first.Architecture}")
dl.checkEquals('platform', first.Labels?.get('org.example.team'), 'skopeo inspect Labels[org.example.team]')
dl.check(first.Env.contains('APP_MODE=test') && first.Env.contains('APP_NAME=inspect-unpack'), "skopeo inspect Env lacks APP_MODE=test / APP_NAME=inspect-unpack: ${first.Env}")
dl.checkEquals(dl.layerDigests('2.3'), first.Layers, 'skopeo inspect Layers vs the manifest layers')
dl.check(String.valueOf(first.Created).startsWith('2026-01-01T00:00:00'), "skopeo inspect Created should be the project's outputTimestamp 2026-01-01T00:00:00Z, was ${first.Created}")

// --- the image config (skopeo inspect --config) ----------------------------------------------------------------
Map cfg = dl.skopeoConfig('2.3')
Map c = cfg.config
List entrypoint = c.Entrypoint
dl.check(entrypoint != null && entrypoint.size() == 6, "Entrypoint should be [java, -Xss512k, -Dit.flag=on, -cp, <classpath>, ${mainClass}], was ${entrypoint}")
dl.checkEquals(['java', '-Xss512k', '-Dit.flag=on', '-cp'], entrypoint.subList(0, 4), 'Entrypoint before the classpath')
dl.checkEquals(mainClass, entrypoint[5], 'Entrypoint main class')
String classpath = entrypoint[4]
List cp = classpath.split(':') as List
dl.checkEquals(['/app/resources', '/app/classes'], cp.take(2), 'first classpath entries')
dl.checkEquals(['/app/libs/commons-lang3-3.17.0.jar'], cp.drop(2), 'classpath jars (test and provided dependencies must be left out)')
dl.checkEquals(['--port', '8080'], c.Cmd, 'Cmd (args)')
dl.checkEquals(['8080/tcp', '9090/udp'], (c.ExposedPorts as Map).keySet().toSorted(), 'ExposedPorts')
dl.checkEquals('1000:1000', c.User, 'User')
dl.checkEquals('/srv', c.WorkingDir, 'WorkingDir')
dl.checkEquals('platform', c.Labels?.get('org.example.team'), 'config Labels')
dl.check(!c.Labels?.containsKey('org.opencontainers.image.source'),
        "the source label came from it-parent, a parent fetched from the repository: ${c.Labels?.get('org.opencontainers.image.source')}")
dl.checkEquals('linux', cfg.os, 'config os')
dl.checkEquals('layers', cfg.rootfs.type, 'config rootfs.type')
dl.checkEquals(dl.skopeoManifest('2.3').layers.size(), cfg.rootfs.diff_ids.size(), 'number of diff_ids vs number of manifest layers')

// --- umoci unpack (an independent OCI runtime-bundle writer) ----------------------------------------------------
File rootfs = dl.umociUnpack('2.3', 'target/bundle')
Map expectedFiles = [
        'app/classes/demo/web/Server.class': dl.file('target/classes/demo/web/Server.class'),
        'app/classes/demo/Tool.class'      : dl.file('target/classes/demo/Tool.class'),
        'app/resources/app.properties'     : dl.file('target/classes/app.properties'),
        'app/resources/static/index.html'  : dl.file('target/classes/static/index.html'),
        'app/libs/commons-lang3-3.17.0.jar': new File(localRepositoryPath, 'org/apache/commons/commons-lang3/3.17.0/commons-lang3-3.17.0.jar'),
]
expectedFiles.each { String path, File source ->
    File unpacked = new File(rootfs, path)
    dl.check(unpacked.isFile(), "umoci unpack: ${path} is missing from the rootfs")
    dl.checkEquals(dl.sha256(source), dl.sha256(unpacked), "umoci unpack: content of ${path} vs ${source}")
}
for (String absent : ['app/libs/commons-codec-1.17.1.jar', 'app/libs/commons-collections4-4.4.jar',
                      'app/classes/app.properties', 'app/resources/demo/web/Server.class']) {
    dl.check(!new File(rootfs, absent).exists(), "umoci unpack: ${absent} must not be in the image")
}
dl.checkEquals(['commons-lang3-3.17.0.jar'], new File(rootfs, 'app/libs').list().toList().toSorted(), 'umoci unpack: files in /app/libs')
dl.checkEquals(mainClass, new File(rootfs, 'app/docker-layer/main-class').text.trim(), '/app/docker-layer/main-class')
// The classpath file lists the Entrypoint's classpath (':'- or line-separated).
dl.checkEquals(cp, new File(rootfs, 'app/docker-layer/classpath').text.split(/[:\r\n]+/).findAll { it.trim() }*.trim(),
        '/app/docker-layer/classpath vs the Entrypoint classpath')
long epoch = java.time.Instant.parse('2026-01-01T00:00:00Z').toEpochMilli()
dl.checkEquals(epoch, new File(rootfs, 'app/classes/demo/web/Server.class').lastModified(), 'umoci unpack: mtime of Server.class (outputTimestamp)')

// umoci also unpacks the base by its version tag, and lists both images' tags.
File baseRootfs = dl.umociUnpack(dl.baseTag(), 'target/bundle-base')
dl.check(new File(baseRootfs, 'app/libs/commons-lang3-3.17.0.jar').isFile(), 'umoci unpack of the base: app/libs/commons-lang3-3.17.0.jar missing')
dl.check(!new File(baseRootfs, 'app/classes').exists(), 'umoci unpack of the base: app/classes must not be in the base')
List<String> umociTags = dl.run(['umoci', 'ls', '--layout', dl.layout().absolutePath]).readLines()*.trim().findAll { it }
dl.checkEquals((tags + [dl.baseTag()]).toSorted(), umociTags.toSorted(), 'umoci ls tags')

// --- the layer tars, as GNU tar lists them: reproducible headers ----------------------------------------------
Map roles = dl.rolesByDigest()
Map<String, String> baseLayerTime = [:]
for (String digest : dl.layerDigests('2.3')) {
    String role = roles[digest]
    dl.check(role != null, "layer ${digest} of the app manifest has no role in image.json/base.json")
    List<Map> entries = dl.tarEntries(dl.blob(digest)).findAll { it.name }
    dl.check(!entries.isEmpty(), "layer ${role} is empty (empty layers should be omitted)")
    Set<String> seen = new HashSet<>()
    for (Map e : entries) {
        String where = "layer ${role}, entry ${e.name}"
        dl.checkEquals('0/0', e.owner, "${where}: uid/gid")
        // App layers carry the project's outputTimestamp; base layers one fixed time of their own, so that
        // equal dependency sets give equal base digests in any project.
        String expectedTime = role in ['resources', 'classes', 'launch'] ? '2026-01-01 00:00:00' : baseLayerTime.computeIfAbsent(role) { e.date + ' ' + e.time }
        dl.checkEquals(expectedTime, e.date + ' ' + e.time, "${where}: mtime")
        dl.check(e.name.startsWith('app/'), "${where}: outside /app")
        dl.check(!(e.mode ==~ /.....w.*|........w./), "${where}: group- or world-writable mode ${e.mode}")
        if (e.mode.startsWith('d')) {
            dl.checkEquals('drwxr-xr-x', e.mode, "${where}: directory mode")
        } else {
            dl.checkEquals('-rw-r--r--', e.mode, "${where}: file mode")
        }
        String path = e.name.endsWith('/') ? e.name[0..-2] : e.name
        String parent = path.contains('/') ? path.substring(0, path.lastIndexOf('/')) : null
        dl.check(parent == null || seen.contains(parent), "${where}: its parent directory ${parent} is not an earlier entry of the layer")
        dl.check(seen.add(path), "${where}: listed twice")
    }
}
dl.log("mtime of the base layers' entries: ${baseLayerTime}")
dl.checkEquals(1, baseLayerTime.values().toSet().size(), "the base layers' entries should share one fixed mtime: ${baseLayerTime}")
Map owners = [:]
dl.tarEntries(dl.blob(dl.layerOfRole('classes').digest)).each { owners[it.name] = it.owner }
dl.check(owners.containsKey('app/classes/demo/web/Server.class'), "classes layer lacks app/classes/demo/web/Server.class: ${owners.keySet()}")
dl.check(!dl.tarNames(dl.blob(dl.layerOfRole('classes').digest)).any { it.startsWith('app/resources') }, 'the classes layer holds resources')
dl.check(dl.tarNames(dl.blob(dl.layerOfRole('resources').digest)).every { 'app/resources/'.startsWith(it) || it.startsWith('app/resources/') },
        "the resources layer holds files outside app/resources: ${dl.tarNames(dl.blob(dl.layerOfRole('resources').digest))}")
dl.check(dl.tarNames(dl.blob(dl.layerOfRole('launch').digest)).containsAll(['app/docker-layer/classpath', 'app/docker-layer/main-class']),
        "the launch layer lacks app/docker-layer/classpath or main-class: ${dl.tarNames(dl.blob(dl.layerOfRole('launch').digest))}")
true
