// IT dockerfile-load (and dockerfile-load-containerd): the dockerfile goal with load=true built both stages on the
// daemon at DOCKER_HOST (build.log: one "Building stage" line a stage and build, the daemon named); build 2's base has
// the same image ID as build 1's (from the cache: the RUN did not run again) and its app another; the app runs with
// the RUN step's file and build 2's class.
def dl = evaluate(new File(itLib, 'support.groovy'))
String itName = basedir.name                              // dockerfile-load or dockerfile-load-containerd
String host = itName.endsWith('-containerd') ? dl.env('DL_DOCKER26_HOST') : dl.env('DOCKER_HOST')
String store = itName.endsWith('-containerd') ? 'containerd image store' : 'classic image store'
List<String> lines = dl.buildLog().readLines()
List<String> stages = lines.findAll { it.startsWith('[INFO] Building stage ') }
dl.checkEquals(4, stages.size(), "'Building stage' lines in two builds:\n${stages.join('\n')}")
dl.check(stages.every { it.contains(store) && it.contains(host.replaceFirst('^unix://', '')) }, "the stages were not built on the ${store} at ${host}:\n${stages.join('\n')}")
dl.checkEquals(['base', 'app', 'base', 'app'], stages.collect { (it =~ /^\[INFO\] Building stage (\w+) /)[0][1] }, 'stages in order')
dl.check(stages[1].contains('--cache-from '), "the app stage has no cache source: ${stages[1]}")
List<String> built = lines.findAll { it.startsWith('[INFO] Built ') && it.contains(' (stage ') }
dl.checkEquals(4, built.size(), "'Built' lines:\n${built.join('\n')}")
Closure<String> idOf = { String line -> line.substring(line.lastIndexOf(': ') + 2).trim() }
dl.checkEquals(idOf(built[0]), idOf(built[2]), 'the base stage of build 2 (from the cache, the RUN not run again)')
dl.checkNotEquals(idOf(built[1]), idOf(built[3]), 'the app stage after a class changed')
String app = (built[3] =~ /^\[INFO\] Built (\S+?)[, ]/)[0][1]
Map env = [DOCKER_HOST: host]
String id = dl.run(['docker', 'image', 'inspect', '--format', '{{.Id}}', app], 60, env).trim()
dl.checkEquals(idOf(built[3]), id, "the daemon's image ${app}")
String out = dl.run(['docker', 'run', '--rm', '--pull', 'never', '--network', 'none', app], 300, env).trim()
dl.checkEquals('SECOND BUILD, marker ok', out, "output of ${app}")
dl.run(['docker', 'image', 'rm', app], 60, env)
dl.log("${itName}: OK")
return true
