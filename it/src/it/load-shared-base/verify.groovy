// IT load-shared-base (and load-shared-base-containerd): two services on one shared base, -T2, load=true, into an
// engine that holds the JRE but no image of these names. The base went in once: one module's load carried the base's
// dependency layer (not the JRE), the other's only its own layers; both apps run from the engine.
def dl = evaluate(new File(itLib, 'support.groovy'))
String itName = basedir.name                              // load-shared-base or load-shared-base-containerd
boolean containerd = itName.endsWith('-containerd')
Map<String, String> env = [DOCKER_HOST: containerd ? dl.env('DL_DOCKER26_HOST') : dl.env('DOCKER_HOST')]
Closure<String> docker = { List args -> dl.run(['docker'] + args, 300, env) }
List<String> services = ['svc-a', 'svc-b']
Map apps = services.collectEntries { [(it): dl.imageJson("${it}/target/docker-layer")] }
Map base = dl.baseJson('svc-a/target/docker-layer')
dl.checkEquals(base.digest, dl.baseJson('svc-b/target/docker-layer').digest, 'one base for both services')
long baseOwn = base.layers.findAll { it.role != 'from' }*.size.collect { it as long }.sum() ?: 0L
long jre = base.layers.findAll { it.role == 'from' }*.size.collect { it as long }.sum() ?: 0L
long overhead = 64 * 1024 // configs, manifests, index or manifest.json, tar headers
dl.check(baseOwn > 2 * overhead, "the base's dependency layers (${baseOwn} bytes) are too small to tell a base sent twice")
Map above = services.collectEntries { s ->
    [(s): apps[s].layers.drop(base.layers.size())*.size.collect { it as long }.sum() as long] }
Map sent = services.collectEntries { s ->
    Map load = apps[s].load
    dl.check(load != null, "${s}: image.json has no load object")
    dl.checkEquals(containerd ? 'containerd' : 'classic', load.store, "${s}: the engine's image store")
    dl.checkEquals(true, load.thin, "${s}: the load is thin (the engine holds the JRE; or the base, loaded by the other)")
    [(s): load.bytesSent as long]
}
String first = services.max { sent[it] }, second = services.min { sent[it] }
dl.check(sent[first] <= baseOwn + above[first] + overhead, "${first} sent ${sent[first]} bytes: more than the base's" +
        " dependency layers (${baseOwn}) and its own (${above[first]}) plus ${overhead}: the JRE (${jre}) was sent")
dl.check(sent[second] <= above[second] + overhead, "${second} sent ${sent[second]} bytes: more than its own layers" +
        " (${above[second]}) plus ${overhead}: the base (${baseOwn}) was sent twice")
dl.log("${itName}: ${first} sent ${sent[first]} bytes (the base's dependencies ${baseOwn}, its own ${above[first]}), " +
        "${second} ${sent[second]} bytes (its own ${above[second]}); the JRE (${jre} bytes) by neither")
// Both run from the engine, without a network or a pull.
dl.checkEquals('service a 1', docker(['run', '--rm', '--pull', 'never', '--network', 'none', apps['svc-a'].image]).trim(), 'output of svc-a')
dl.checkEquals('service b OK', docker(['run', '--rm', '--pull', 'never', '--network', 'none', apps['svc-b'].image]).trim(), 'output of svc-b')
(services.collectMany { s -> apps[s].tags.collect { "${dl.repoOf(apps[s].image)}:${it}" } } + [base.image]).each {
    dl.exec(['docker', 'image', 'rm', '-f', it], 120, env)
}
dl.log("${itName}: OK")
return true
