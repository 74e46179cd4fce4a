// IT push-one-class-change: target/run1 holds the records of the first build and push, target/docker-layer those of
// the second, after one class changed. Checked through independent readers: skopeo (what the registry serves), the
// registry's access log (what the second push uploaded), and the Docker engine (what a node pulls).
def dl = evaluate(new File(itLib, 'support.groovy'))

String registry = dl.env('DL_REGISTRY')
// The access log as the second build left it, read before this script's own requests (skopeo, docker) add to it.
List<String> all = new File(dl.env('DL_TESTENV_STATE'), 'registry.log').readLines()
Map app1 = dl.json(dl.existing('target/run1/image.json')), base1 = dl.json(dl.existing('target/run1/base.json'))
Map app2 = dl.imageJson(), base2 = dl.baseJson()
String repo = dl.repoOf(app2.image)
dl.check(repo.startsWith("${registry}/it/"), "image.json names ${app2.image}, not an image in ${registry}")

// What the registry serves is what the records say was pushed: manifest digests through skopeo.
Closure<String> remoteDigest = { String ref ->
    dl.parseJson(dl.run(['skopeo', 'inspect', '--tls-verify=false', "docker://${ref}"])).Digest
}
dl.checkEquals(app1.digest, remoteDigest("${repo}:first"), 'digest of the first push (skopeo) vs image.json of build 1')
dl.checkEquals(app2.digest, remoteDigest("${repo}:second"), 'digest of the second push (skopeo) vs image.json of build 2')
dl.checkEquals(app2.digest, remoteDigest("${repo}:1.0.0"), 'the tag both builds push points at the second')
dl.checkEquals(base2.digest, remoteDigest(base2.image), 'base digest (skopeo) vs base.json')
dl.checkEquals(base1.digest, base2.digest, 'the base did not move with a one-class change')
dl.checkEquals(app2.imageId, dl.parseJson(dl.run(['skopeo', 'inspect', '--tls-verify=false', '--raw', "docker://${repo}:second"])).config.digest,
        'config digest of the pushed manifest (skopeo) vs image.json imageId')

// First push: the JRE layers were mounted from the from image's repository of the same registry, never downloaded.
List fromLayers = base1.layers.findAll { it.role == 'from' }
dl.check(!fromLayers.isEmpty(), 'base.json of build 1 lists no from layers')
dl.checkEquals(['mounted'], fromLayers*.push.unique(), 'what the first push did with the JRE layers')
dl.checkEquals([0L], fromLayers*.bytesSent.collect { it as long }.unique(), 'bytes sent for mounted JRE layers')
dl.checkEquals(['uploaded'], base1.layers.findAll { it.role == 'dependencies' }*.push, 'the dependency layer on the first push')
// Second push: the base is in the registry already (not pushed again), every app layer but classes is present.
dl.checkEquals('present', base2.push.manifest, 'base manifest on the second push')
dl.checkEquals(['present'], base2.layers*.push.unique(), 'base layers on the second push')
Map<String, String> appPush = app2.layers.collectEntries { [(it.role): it.push] }
dl.checkEquals('uploaded', appPush.classes, 'classes layer on the second push')
appPush.findAll { it.key != 'classes' }.each { role, what ->
    dl.check(what in ['present', 'mounted'], "${role} layer on the second push was ${what}, expected present or mounted")
}
dl.checkEquals('uploaded', app2.push.config, 'config on the second push')

// The registry's access log: the second push finished exactly two uploads, the classes layer and the config.
List<String> before = dl.existing('target/registry-before.log').readLines()
dl.check(all.size() >= before.size() && all.subList(0, before.size()) == before, 'the access log was rewritten during the build')
String path = '/v2/' + repo.substring(registry.length() + 1) + '/'
List<String> requests = all.drop(before.size()).findAll { it.contains(" ${path}") || it.contains(" ${path.replace('/push-one-class-change/', '/push-one-class-change-base/')}") }
List<String> uploads = requests.findAll {
    (it =~ /"PUT \S+\/blobs\/uploads\/\S*digest=sha256(:|%3A)[0-9a-f]{64}\S* HTTP\/[0-9.]+" 201 /) ||
            (it =~ /"POST \S+\/blobs\/uploads\/\?\S*digest=sha256(:|%3A)[0-9a-f]{64}\S* HTTP\/[0-9.]+" 201 /)
}
List<String> uploaded = uploads.collect { ('sha256:' + (it =~ /digest=sha256(?::|%3A)([0-9a-f]{64})/)[0][1]) }
String classesDigest = app2.layers.find { it.role == 'classes' }.digest
dl.checkEquals([classesDigest, app2.imageId].sort(), uploaded.sort(), "blobs the second push uploaded (access log:\n  ${uploads.join('\n  ')})")
List<String> manifestPuts = requests.findAll { it =~ /"PUT \S+\/manifests\/\S+ HTTP\/[0-9.]+" 201 / }
dl.checkEquals(2, manifestPuts.size(), "manifest PUTs of the second push (tags second and 1.0.0):\n  ${manifestPuts.join('\n  ')}")
dl.check(requests.every { !(it =~ /"GET \S+\/blobs\/sha256/) }, "the second push downloaded blobs:\n  ${requests.findAll { it =~ /"GET \S+\/blobs\// }.join('\n  ')}")

// A Docker engine holding the first tag pulls, for the second, the classes layer alone: it is the top layer (the
// launch layer sits under resources and classes, so nothing unchanged is stacked on the changed layer, which an
// engine keeping layers as a chain would fetch again). Nothing of the JRE or the dependencies. The image runs.
String docker = 'docker'
// Images of earlier runs of this IT (other run ids, same layers) would make the engine hold the layers already.
Closure removeAll = {
    dl.run([docker, 'image', 'ls', '--format', '{{.Repository}}:{{.Tag}}']).readLines()
            .findAll { it.contains('/push-one-class-change:') }.each { dl.exec([docker, 'image', 'rm', '-f', it]) }
}
removeAll()
dl.run([docker, 'pull', "${repo}:first"], 600)
String pull = dl.run([docker, 'pull', "${repo}:second"], 600)
List<String> pulled = pull.readLines().findAll { it =~ /: Pull complete$/ }.collect { it.split(':')[0] }
dl.checkEquals('classes', app2.layers.last().role, 'the top layer of the app image')
List<String> expectedPulls = app2.layers.findAll { it.role == 'classes' }.collect { it.digest.substring(7, 19) }
dl.checkEquals(expectedPulls, pulled, "layers the engine pulled for the second tag (the classes layer only):\n${pull}")
String out = dl.run([docker, 'run', '--rm', '--pull', 'never', '--network', 'none', "${repo}:second"], 120)
dl.checkEquals('HELLO FROM THE SECOND BUILD', out.trim(), 'output of the second image')
removeAll()
dl.log('push-one-class-change: OK')
return true
