// IT load-containerd: full, then thin loads into the containerd image store of Docker 26, under a bare name; then a
// thin archive the engine refuses (the record claimed blobs it lacks) and the full fallback.
def dl = evaluate(new File(itLib, 'support.groovy'))
def check = evaluate(new File(itLib, 'load-check.groovy'))
String host = dl.env('DL_DOCKER26_HOST')
Map run2 = dl.json(dl.existing('target/run2/image.json'))
// Containerd store: the recorded app manifest proves the unchanged launch layer too, so only classes is carried.
def docker = check(dl, [dockerHost: host, store: 'containerd', thinCarries: ['classes'], second: 'target/run2',
        movedTags: ['1.0.0']])
dl.checkEquals(run2.digest, run2.load.imageId, 'containerd store: image ID = manifest digest')
dl.check(!dl.repoOf(run2.image).contains('/'), "the IT's name ${run2.image} is bare")
dl.check(docker(['image', 'inspect', '--format', '{{json .RepoTags}}', run2.image]).contains(run2.image),
        "the engine knows ${run2.image} by its short name")
// Build 3b: the thin archive was refused, the full one loaded once, and the image runs.
Map run3 = dl.imageJson()
dl.check(run3.load != null, 'image.json of build 3b has no load object')
dl.checkEquals(false, run3.load.thin, 'build 3b ended with the full archive')
dl.check(run3.load.fallback != null && !run3.load.fallback.isEmpty(), "build 3b records no fallback: ${run3.load}")
String log = dl.buildLog()
dl.checkEquals(1, log.readLines().count { it.contains('The daemon refused the thin archive') } as int,
        'one refusal of the thin archive in the log')
String name = dl.repoOf(run3.image)
dl.checkEquals('HELLO FROM THE THIRD BUILD', dl.run(['docker', 'run', '--rm', '--pull', 'never', '--network', 'none', "${name}:third"],
        120, [DOCKER_HOST: host]).trim(), 'output of the third image after the fallback')
dl.log("containerd fallback: the refused thin archive was followed by a full one of ${run3.load.bytesSent} bytes: ${run3.load.fallback}")
(['first', 'second', 'third', '1.0.0'].collect { "${name}:${it}" } + [dl.baseJson().image]).each {
    dl.exec(['docker', 'image', 'rm', '-f', it], 120, [DOCKER_HOST: host])
}
dl.log('load-containerd: OK')
return true
