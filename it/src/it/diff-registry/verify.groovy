// IT diff-registry: target/run1 holds the records of the first build (diff against a tag the registry did not have,
// then push), target/run2 those of the second (one class changed, diff against the pushed tag), target/docker-layer
// those of the third (gson added, diff with failOnBaseChange, which failed the build). Checked against what the
// registry serves (skopeo) and what it was asked (its access log).
def dl = evaluate(new File(itLib, 'support.groovy'))

String registry = dl.env('DL_REGISTRY')
// The access log as the builds left it, read before this script's own requests (skopeo) add to it.
List<String> all = dl.completeLines(new File(dl.env('DL_TESTENV_STATE'), 'registry.log'))
Map app1 = dl.json(dl.existing('target/run1/image.json')), base1 = dl.json(dl.existing('target/run1/base.json'))
Map diff1 = dl.json(dl.existing('target/run1/diff.json'))
Map app2 = dl.json(dl.existing('target/run2/image.json')), base2 = dl.json(dl.existing('target/run2/base.json'))
Map diff2 = dl.json(dl.existing('target/run2/diff.json'))
Map app3 = dl.imageJson(), base3 = dl.baseJson(), diff3 = dl.json(dl.existing('target/docker-layer/diff.json'))
String repo = dl.repoOf(app1.image)
dl.check(repo.startsWith("${registry}/it/"), "image.json names ${app1.image}, not an image in ${registry}")
dl.checkEquals(app1.image, app2.image, 'both builds name the same first tag')
String log = dl.buildLog()
Closure<Long> sizes = { List layers -> layers.collect { it.size as long }.sum(0L) as long }
Closure<List> statuses = { Map diff -> diff.layers.collect { "${it.role} ${it.status}" } }

// 1. A first build: the tag is not in the registry. Every layer new, nothing moved, no failure with failOnBaseChange.
dl.checkEquals(app1.image, diff1.reference, 'build 1: the default reference is the app\'s first tag')
dl.checkEquals(null, diff1.referenceDigest, 'build 1: referenceDigest of a tag the registry does not have')
dl.checkEquals(false, diff1.baseChanged, 'build 1: baseChanged without a reference')
dl.checkEquals(app1.layers.collect { "${it.role} new" }, statuses(diff1), 'build 1: layers of the diff')
dl.checkEquals(app1.layers*.digest, diff1.layers*.digest, 'build 1: digests of the diff vs image.json')
dl.checkEquals(sizes(app1.layers.unique(false) { it.digest }), diff1.bytesToPull as long, 'build 1: bytesToPull (every layer)')
dl.checkEquals(sizes(app1.layers), diff1.bytesToPullClassicStore as long, 'build 1: bytesToPullClassicStore (every layer)')
dl.check(log.contains("${app1.image} does not exist (a first build?): every layer is new."), 'build 1: the log does not say the reference is missing')
dl.check(log.readLines().any { it.startsWith('[WARNING] failOnBaseChange: ') && it.contains('does not exist') },
        'build 1: no warning that failOnBaseChange had nothing to compare with')

// What the registry serves: the first push, under the tag the later diffs compare with.
Closure<String> remoteDigest = { String ref ->
    dl.parseJson(dl.run(['skopeo', 'inspect', '--tls-verify=false', "docker://${ref}"])).Digest
}
String served = remoteDigest(app1.image)
dl.checkEquals(app1.digest, served, 'digest of the first push (skopeo) vs image.json of build 1')

// 2. One class changed: classes changed, everything else the same, a node pulls the classes layer.
dl.checkEquals(app1.image, diff2.reference, 'build 2: reference')
dl.checkEquals(served, diff2.referenceDigest, 'build 2: referenceDigest vs what the registry serves (skopeo)')
dl.checkEquals(app1.imageId, diff2.referenceImageId, 'build 2: the reference\'s config digest')
dl.checkEquals(app2.imageId, diff2.imageId, 'build 2: this build\'s config digest')
dl.checkNotEquals(diff2.referenceImageId, diff2.imageId, 'build 2: the config moved with the classes')
dl.checkEquals(false, diff2.baseChanged, 'build 2: baseChanged after a one-class change')
dl.checkEquals(base1.digest, base2.digest, 'the base did not move with a one-class change')
dl.checkEquals([image: base1.image, digest: base1.digest], diff2.referenceBase, 'build 2: the reference\'s base (its labels)')
dl.checkEquals(app2.layers.collect { "${it.role} ${it.role == 'classes' ? 'changed' : 'same'}" }, statuses(diff2),
        'build 2: layers of the diff')
dl.checkEquals(app2.layers*.digest, diff2.layers*.digest, 'build 2: digests of the diff vs image.json of build 2')
dl.checkEquals(app1.layers*.digest, diff2.layers*.referenceDigest, 'build 2: reference digests vs image.json of build 1')
Map classes = app2.layers.find { it.role == 'classes' }
dl.checkEquals(classes.size as long, diff2.bytesToPull as long, 'build 2: bytesToPull = the classes layer')
int classesAt = app2.layers.findIndexOf { it.role == 'classes' }
dl.checkEquals(sizes(app2.layers.drop(classesAt)), diff2.bytesToPullClassicStore as long,
        'build 2: bytesToPullClassicStore = classes and the layers above it')
dl.check(log.readLines().any { it =~ /^\[INFO\]   classes +\S+ \S+  sha256:[0-9a-f]{12}  changed \(was sha256:[0-9a-f]{12}\)$/ },
        'build 2: the log table has no changed classes row')
dl.check(log.contains('an engine with the classic store pulls'), 'build 2: the log does not give the classic store\'s figure')

// The diffs read manifests and the reference's config, never a layer: the registry's access log since build 2.
List<String> before = dl.completeLines(dl.existing('target/registry-before.log'))
dl.check(all.size() >= before.size() && all.subList(0, before.size()) == before, 'the access log was rewritten during the builds')
String repository = repo.substring(registry.length() + 1)
List<Map> requests = all.drop(before.size()).findAll { !it.isBlank() }.collect { dl.parseAccessLine(it) }
        .findAll { it.repository == repository }
dl.check(requests.any { it.path.contains('/manifests/') }, "the diffs did not read the reference's manifest: ${requests*.line}")
List<String> blobs = requests.findAll { it.path.contains('/blobs/') }.collect { it.path.substring(it.path.lastIndexOf('/') + 1) }
dl.check(blobs.every { it == app1.imageId }, "the diffs read blobs other than the reference's config ${app1.imageId}:\n  " +
        requests.findAll { it.path.contains('/blobs/') }*.line.join('\n  '))
dl.check(requests.every { it.method in ['GET', 'HEAD'] }, "the diffs wrote to the registry:\n  ${requests*.line.join('\n  ')}")

// 3. A new dependency: the base moved; failOnBaseChange failed the build in the diff goal, naming the change.
dl.checkNotEquals(base1.image, base3.image, 'gson moves the base version')
dl.checkEquals(true, diff3.baseChanged, 'build 3: baseChanged')
dl.checkEquals([image: base1.image, digest: base1.digest], diff3.referenceBase, 'build 3: the reference\'s base')
dl.checkEquals([image: base3.image, digest: base3.digest], diff3.base, 'build 3: this build\'s base')
Map<String, List<String>> byRole = diff3.layers.groupBy { it.role }.collectEntries { role, rows -> [(role): rows*.status.unique()] }
dl.checkEquals(['changed'], byRole.dependencies, 'build 3: the dependencies layer')
dl.checkEquals(['same'], byRole.from, 'build 3: the from layers')
dl.checkEquals(['changed'], byRole.classes, 'build 3: the classes layer (changed in build 2, still unpushed)')
// The base goal said the base moved, from what to what, and why (before the diff failed the build).
String moveLine = log.readLines().find { it.startsWith('[INFO] The base moved: ') }
dl.check(moveLine != null, 'build 3: no log line says the base moved')
for (String needle : ["${base1.image} -> ${base3.image}", 'added com.google.code.gson:gson:', 'layers changed: dependencies)']) {
    dl.check(moveLine.contains(needle), "build 3: the base-move line does not say ${needle}: ${moveLine}")
}
dl.checkEquals(1, log.readLines().count { it.contains('The base moved: ') }, 'base-move lines in the three builds (only build 3 moved it)')
List<String> errors = log.readLines().findAll { it.startsWith('[ERROR]') }
String message = errors.join('\n')
dl.check(errors.any { it.contains('Failed to execute goal io.github.dockerlayer:docker-layer-maven-plugin:') && it.contains(':diff ') },
        "build 3: the diff goal did not fail:\n${message}")
for (String needle : ['expected no base change', app1.image, dl.tagOf(base1.image), dl.tagOf(base3.image), base1.digest,
                      base3.digest, 'dependencies: changed', '-Ddocker-layer.failOnBaseChange', 'docker-layer:push']) {
    dl.check(message.contains(needle), "build 3: the error does not mention ${needle}:\n${message}")
}
for (String bad : ['NullPointerException', 'ClassCastException', 'IllegalStateException']) {
    dl.check(!log.contains(bad), "build.log shows a ${bad}:\n${message}")
}
dl.log("diff goal failed, as expected:\n${errors.find { it.contains('expected no base change') }}")
dl.log('diff-registry: OK')
return true
