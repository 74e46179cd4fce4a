// IT shared-base: svc-a, svc-b and svc-c name one <base>; lib is their library (no image). <module>/run1 holds the
// first build's records, <module>/target/docker-layer the second's (after svc-a's A.java changed).
def dl = evaluate(new File(itLib, 'support.groovy'))

List<String> services = ['svc-a', 'svc-b', 'svc-c']
Map<String, Map> first = services.collectEntries { [(it): dl.json(dl.existing("${it}/run1/image.json"))] }
Map<String, Map> second = services.collectEntries { [(it): dl.json(dl.existing("${it}/target/docker-layer/image.json"))] }
Map<String, Map> bases = services.collectEntries { [(it): dl.json(dl.existing("${it}/target/docker-layer/base.json"))] }
dl.check(!dl.file('lib/target/docker-layer/image.json').exists(), 'the library got an image')
// The library two services use is said to be theirs, both named (not "a library of" one of them).
dl.check(dl.buildLog().contains('lib has no class with a main method, so in this multi-module build it is taken for a library of svc-a and svc-c;'),
        "the library's skip line does not name both its users:\n${dl.buildLog().readLines().findAll { it.contains('Skipping: lib') }.unique().join('\n')}")

// One base: same name, version and digest for all three, in both builds; the registry holds it.
dl.checkEquals(1, bases.values()*.digest.unique().size(), "base digests of the services: ${bases.collectEntries { k, v -> [(k): v.digest] }}")
dl.checkEquals(1, (first.values()*.base.digest + second.values()*.base.digest).unique().size(), 'base digests in the image records of both builds')
Map base = bases['svc-a']
dl.check(base.image.contains('/shared-base:'), "the base is not the shared one: ${base.image}")
dl.checkEquals(base.digest, dl.registryManifestDigest(base.image), 'the shared base in the registry')
services.each { dl.checkEquals(second[it].digest, dl.registryManifestDigest(second[it].image), "${it} in the registry") }

// The base holds the union of the release dependencies, gson in both versions; no reactor module.
Map depsLayer = base.layers.find { it.role == 'dependencies' }
String layout = 'svc-a/target/docker-layer'
List<String> jars = dl.tarNames(dl.blob(depsLayer.digest, layout)).findAll { it.endsWith('.jar') }.collect { it.substring(it.lastIndexOf('/') + 1) }
for (String jar : ['gson-2.11.0.jar', 'gson-2.10.1.jar', 'commons-lang3-3.17.0.jar', 'commons-text-1.12.0.jar']) {
    dl.check(jar in jars, "${jar} is not in the shared base's dependencies layer: ${jars}")
}
dl.check(!jars.any { it.startsWith('lib-') }, "the library module is in the shared base: ${jars}")
dl.check(!base.layers.any { it.role == 'project-dependencies' }, 'the shared base has a project-dependencies layer')

// Each classpath names its own jars only; the library is in its users' own app images.
Closure<List<String>> classpath = { String module ->
    String out = "${module}/target/docker-layer"
    Map launch = dl.layerOfRole('launch', out)
    new String(dl.tarRead(dl.blob(launch.digest, out), 'app/docker-layer/classpath'), 'UTF-8').trim().split(':').collect { it.substring(it.lastIndexOf('/') + 1) }
}
dl.check(classpath('svc-a').containsAll(['gson-2.11.0.jar', 'lib-1.0.0.jar', 'commons-lang3-3.17.0.jar']) && !classpath('svc-a').contains('gson-2.10.1.jar'),
        "svc-a's classpath: ${classpath('svc-a')}")
dl.check(classpath('svc-c').contains('gson-2.10.1.jar') && !classpath('svc-c').contains('gson-2.11.0.jar'), "svc-c's classpath: ${classpath('svc-c')}")
dl.check(!classpath('svc-b').any { it.startsWith('gson') || it.startsWith('lib-') }, "svc-b's classpath: ${classpath('svc-b')}")
for (String module : ['svc-a', 'svc-c']) {
    Map modules = second[module].layers.find { it.role == 'project-dependencies' }
    dl.check(modules != null, "${module}'s app image has no project-dependencies layer")
    dl.check(dl.tarNames(dl.blob(modules.digest, "${module}/target/docker-layer")).any { it.endsWith('/lib-1.0.0.jar') }, "lib is not in ${module}'s project-dependencies layer")
}
String log = dl.buildLog()
// Build 3 (-pl svc-b) put svc-b on the same base (checked above with the others' base.json): the base never moved.
dl.check(!log.contains('base moved'), "a build moved the shared base:\n${log.readLines().findAll { it.contains('base moved') }.join('\n')}")
dl.checkEquals(3, log.readLines().count { it.contains('3 services (svc-a, svc-b, svc-c) stand on one base') }, 'builds that found the three services (build 3 with -pl svc-b too)')
dl.check(log.contains('com.google.code.gson:gson comes in 2.10.1 (svc-c) and 2.11.0 (svc-a)'), 'the log does not report the gson version conflict')
dl.check(log.contains('3 services (svc-a, svc-b, svc-c) stand on one base'), 'the log does not name the services sharing the base')
// Built once and pushed once in the build, though three services stand on it (two of them at the same time).
dl.checkEquals(1, log.readLines().count { it.contains('Building dependencies layer of') && it.contains('/shared-base') }, 'times the shared dependencies layer was built')
dl.checkEquals(1, log.readLines().count { it.contains('Pushing base ') && it.contains('/shared-base:') }, 'times the shared base was pushed')

// One summary at the end of each build, before Maven's reactor summary: each service with its image, digest and base,
// per layer what the build and the push did, and the bytes a fresh node pulls (each layer once).
String lastBuild = log.substring(log.lastIndexOf('docker-layer summary: '))
List<String> summary = lastBuild.readLines().takeWhile { !it.contains('Reactor Summary') }.collect { it.replaceFirst(/^\[INFO\] /, '') }
dl.checkEquals('docker-layer summary: 3 images', summary[0], 'the summary\'s first line')
dl.check(lastBuild.contains('Reactor Summary'), 'the summary does not come before Maven\'s reactor summary')
services.each { module ->
    int at = summary.findIndexOf { it.startsWith("  ${module}: ${second[module].image} ${second[module].digest.substring(0, 19)}") }
    dl.check(at > 0, "the summary has no line for ${module}:\n${summary.join('\n')}")
    dl.checkEquals("    on ${second[module].base.image} ${second[module].base.digest.substring(0, 19)}".toString(), summary[at + 1], "${module}'s base in the summary")
    String layers = summary[at + 2]
    String classes = module == 'svc-a' ? 'classes built, uploaded' : 'classes reused, present'
    dl.check(layers.contains(classes) && layers.contains('dependencies reused, present'), "${module}'s layers in the summary: ${layers}")
}
Map<String, Long> distinct = [:]
second.values().each { record -> record.layers.each { distinct[it.digest] = it.size as long } }
String human = { long bytes -> double v = bytes; int u = -1; while (v >= 1000 && u < 3) { v /= 1000; u++ }; String.format(Locale.ROOT, '%.1f %s', v, ['kB', 'MB', 'GB', 'TB'][u]) }(distinct.values().sum() as long)
dl.check(summary.any { it.startsWith("  A fresh node pulls ${human} to run the 3 images (${distinct.size()} distinct layers; ") },
        "the summary does not say a fresh node pulls ${human} in ${distinct.size()} layers:\n${summary.join('\n')}")
dl.log("summary of build 2:\n${summary.join('\n')}")

// After the change in svc-a: its classes layer alone moved; svc-b and svc-c are the same images.
List<String> moved = (0..<first['svc-a'].layers.size()).findAll { first['svc-a'].layers[it].digest != second['svc-a'].layers[it].digest }
dl.checkEquals(['classes'], moved.collect { second['svc-a'].layers[it].role }, 'layers of svc-a that moved')
['svc-b', 'svc-c'].each { dl.checkEquals(first[it].digest, second[it].digest, "${it}'s image after a change in svc-a") }

// A node that runs all three: after the first pull, the others pull only their own app layers (the JRE and the
// dependencies already exist); each runs.
services.each { dl.dockerRemoveImage(second[it].image) }
Map pulls = services.collectEntries { [(it): dl.dockerPull(second[it].image)] }
List<String> baseIds = base.layers.collect { dl.shortId(it.digest) }
['svc-b', 'svc-c'].each { module ->
    dl.check(pulls[module].pulled.intersect(baseIds).isEmpty(), "${module}'s pull downloaded base layers again:\n${pulls[module].output}")
}
Map<String, String> expected = ['svc-a': 'SERVICE A, SECOND BUILD 1', 'svc-b': 'Service B', 'svc-c': 'SERVICE C 3']
services.each { module ->
    String out = dl.run(['docker', 'run', '--rm', '--pull', 'never', '--network', 'none', second[module].image], 300)
    dl.checkEquals(expected[module], out.trim(), "output of ${module}")
    dl.dockerRemoveImage(second[module].image)
}
dl.log('shared-base: OK')
return true
