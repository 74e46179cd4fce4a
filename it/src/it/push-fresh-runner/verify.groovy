// IT push-fresh-runner: run1/ holds the first build's records; the second build ran after clean with an empty
// download cache (fresh-cache/). It must take the base from the registry (no base layer built, downloaded or
// uploaded) and upload exactly the classes layer and the config.
def dl = evaluate(new File(itLib, 'support.groovy'))

String registry = dl.env('DL_REGISTRY')
List<String> all = new File(dl.env('DL_TESTENV_STATE'), 'registry.log').readLines() // before this script's requests
Map base1 = dl.json(dl.existing('run1/base.json')), app1 = dl.json(dl.existing('run1/image.json'))
Map base2 = dl.baseJson(), app2 = dl.imageJson()
String repo = dl.repoOf(app2.image)

// Same base, found in the registry: same version, same digest; its layers were not built here.
dl.checkEquals(base1.image, base2.image, 'base version on the fresh runner')
dl.checkEquals(base1.digest, base2.digest, 'base manifest digest on the fresh runner')
String buildLog = dl.buildLog() // both builds' output: keep the second's
buildLog = buildLog.substring(buildLog.lastIndexOf('Building push-fresh-runner 1.0.0'))
dl.check(buildLog.contains("Base ${base2.image} is in the registry with the same content"), 'the fresh runner did not say it took the base from the registry')
dl.check(!(buildLog =~ /Building (dependencies|snapshot-dependencies) layer/), 'the fresh runner built a dependency layer')
List<String> baseRoles = base2.layers*.role
dl.checkEquals(['from', 'dependencies', 'snapshot-dependencies'], baseRoles.unique(), 'roles of the base layers')
base2.layers.each { layer ->
    dl.check(!dl.file("target/docker-layer/oci/blobs/sha256/${layer.digest.substring(7)}").exists(),
            "the fresh runner's layout holds base layer ${layer.role} ${layer.digest}: it was built or downloaded")
    dl.check(layer.repository != null && layer.repository.startsWith(registry + '/'),
            "base.json names no registry repository holding ${layer.role} ${layer.digest}: ${layer}")
    dl.check(!dl.file("fresh-cache/blobs/sha256/${layer.digest.substring(7)}").exists(), "the fresh cache holds base layer ${layer.digest}: it was downloaded")
}
dl.check(buildLog.readLines().any { it =~ /^\[INFO\]   dependencies +\S+ \S+  sha256:[0-9a-f]{12}  remote$/ }, 'the layer table does not show the dependencies layer as remote')
// A run that pushes leaves in the registry exactly the layers image.json names a repository for (the JRE's and the
// adopted base's), says so, and holds every other blob.
List<String> lacking = app2.layers.findAll { !dl.blob(it.digest).exists() }*.digest
dl.checkEquals(app2.layers.findAll { it.repository != null }*.digest.sort(), lacking.sort(),
        'layers the layout lacks vs those image.json says a registry holds')
dl.checkEquals(base2.layers*.digest.sort(), lacking.sort(), 'layers the layout lacks: the base layers, no more')
dl.check(buildLog.contains("The layout leaves ${base2.layers.size()} layers"), 'the fresh runner does not say the layout leaves layers in the registry')

// The registry's view: the push uploaded the classes layer and the config only, and no blob was read.
List<String> before = dl.existing('run1/registry-before.log').readLines()
String prefix = ' /v2/' + repo.substring(registry.length() + 1)
List<String> requests = all.drop(before.size()).findAll { it.contains(prefix) }
List<String> uploaded = requests.findAll {
    (it =~ /"PUT \S+\/blobs\/uploads\/\S*digest=sha256(:|%3A)[0-9a-f]{64}\S* HTTP\/[0-9.]+" 201 /) ||
            (it =~ /"POST \S+\/blobs\/uploads\/\?\S*digest=sha256(:|%3A)[0-9a-f]{64}\S* HTTP\/[0-9.]+" 201 /)
}.collect { 'sha256:' + (it =~ /digest=sha256(?::|%3A)([0-9a-f]{64})/)[0][1] }
dl.checkEquals([app2.layers.find { it.role == 'classes' }.digest, app2.imageId].sort(), uploaded.sort(), 'blobs the fresh runner uploaded')
List<String> layerReads = requests.findAll { it =~ /"GET \S+\/blobs\/sha256:/ }.findAll { line ->
    base2.layers.any { line.contains(it.digest) } }
dl.checkEquals([], layerReads, 'base layers the fresh runner downloaded')
dl.checkEquals(app2.digest, dl.parseJson(dl.run(['skopeo', 'inspect', '--tls-verify=false', "docker://${repo}:2.0.0"])).Digest,
        'digest of the fresh runner\'s push (skopeo) vs image.json')
dl.checkEquals(['present'], base2.layers*.push.unique(), 'base layers on the fresh runner\'s push')
dl.log('push-fresh-runner: OK')
return true
