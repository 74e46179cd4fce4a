// Checks shared by the load-* ITs: target/run1 holds the records of a first build and load, target/docker-layer
// (or opts.second) those of a second after one class changed. The engine holds the JRE (DL_JRE_IMAGE), so even the
// first load leaves its layers out. Evaluate it, then call the closure:
//     def check = evaluate(new File(itLib, 'load-check.groovy'))
//     check(dl, [dockerHost: ..., store: 'classic', thinCarries: ['classes']])
// It returns the docker command (with the host) for further checks.
{ def dl, Map opts ->
    Map<String, String> env = [DOCKER_HOST: opts.dockerHost]
    Closure<String> docker = { List args, long timeout = 120 -> dl.run(['docker'] + args, timeout, env) }
    String second = opts.second ?: 'target/docker-layer' // where the second build's records are
    Map app1 = dl.json(dl.existing('target/run1/image.json')), app2 = dl.imageJson(second)
    Map load1 = app1.load, load2 = app2.load
    dl.check(load1 != null && load2 != null, "image.json has no load object: ${load1} / ${load2}")
    dl.checkEquals(opts.store, load2.store, 'the image store the plugin found')
    // The first load: nothing of these names (@run.id@) is in the engine, but the from image is (the test environment
    // pulled DL_JRE_IMAGE into both engines): its layers are not sent.
    String jre = dl.env('DL_JRE_IMAGE')
    dl.check(!docker(['image', 'inspect', '--format', '{{.Id}}', jre]).trim().isEmpty(), "the engine holds ${jre}")
    long fromBytes = app1.layers.findAll { it.role == 'from' }*.size.collect { it as long }.sum() ?: 0L
    long ownBytes = app1.layers.findAll { it.role != 'from' }*.size.collect { it as long }.sum() ?: 0L
    dl.check(fromBytes > 0, "image.json of the first build has no from layer: ${app1.layers}")
    dl.checkEquals(true, load1.thin, "the first load, into an engine that holds ${jre}, is thin")
    dl.check((load1.bytesSent as long) <= ownBytes + 64 * 1024, "the first load sent ${load1.bytesSent} bytes, more than" +
            " the layers above the JRE (${ownBytes}) plus 64 KiB: the JRE (${fromBytes} bytes) was sent")
    dl.check((load1.bytesSent as long) < fromBytes / 10, "the first load sent ${load1.bytesSent} bytes, not well under the JRE's ${fromBytes}")
    dl.checkEquals(true, load2.thin, 'the second load, after a one-class change, is thin')
    long carried = app2.layers.findAll { it.role in opts.thinCarries }*.size.collect { it as long }.sum()
    long overhead = 64 * 1024 // two configs, manifests, index or manifest.json, tar headers
    dl.check((load2.bytesSent as long) <= carried + overhead, "the thin load sent ${load2.bytesSent} bytes, more than the" +
            " ${opts.thinCarries} layers (${carried}) plus ${overhead}")
    dl.log("${opts.store} store: first load ${load1.bytesSent} bytes (thin: the JRE's ${fromBytes} bytes left out; all layers" +
            " ${load1.fullBytes}), second ${load2.bytesSent} bytes (thin;" +
            " ${opts.thinCarries} layers ${carried} bytes)")
    // The engine holds what the records say, under every name, and it runs without a network or a pull.
    String repo = dl.repoOf(app2.image)
    List<String> moved = opts.movedTags ?: [] // tags a later build of the IT moved on
    for (String tag : app2.tags - moved) {
        dl.checkEquals(load2.imageId, docker(['image', 'inspect', '--format', '{{.Id}}', "${repo}:${tag}"]).trim(),
                "image ID of ${repo}:${tag} in the engine vs image.json load.imageId")
    }
    dl.check(!docker(['image', 'inspect', '--format', '{{.Id}}', dl.baseJson(second).image]).trim().isEmpty(), 'the base is in the engine')
    dl.checkEquals('HELLO FROM THE SECOND BUILD', docker(['run', '--rm', '--pull', 'never', '--network', 'none', "${repo}:second"]).trim(),
            'output of the second image')
    if (!('1.0.0' in moved)) {
        dl.checkEquals('HELLO FROM THE SECOND BUILD', docker(['run', '--rm', '--pull', 'never', '--network', 'none', "${repo}:1.0.0"]).trim(),
                'output of the tag both builds load')
    }
    String log = dl.buildLog()
    dl.check(log.contains('Loaded ') && log =~ /thin, [0-9.]+ (B|kB) sent/, 'the log says the second load was thin and what it sent')
    return docker
}
