// IT extension-deploy (and extension-deploy-maven4, which evaluates this script in its own directory): the plugin
// declared with <extensions>true</extensions> and no <executions> bound base and image to package and push to deploy.
// Build 1 (`deploy`) deployed both jars and pushed the app's images; build 2 (`install`, one class changed) rebuilt
// the app's images and pushed nothing. The library module got no image and no push, the aggregator no goal at all.
// app/target/run1 holds build 1's records. Checked through the build log, skopeo (what the registry serves), the
// registry's access log and the deploy directory.
def dl = evaluate(new File(itLib, 'support.groovy'))

String itName = basedir.name                              // extension-deploy or extension-deploy-maven4
String expectedMaven = ['-maven4': 'Apache Maven 4.', '-maven38': 'Apache Maven 3.8.', '-maven363': 'Apache Maven 3.6.3']
        .find { itName.endsWith(it.key) }?.value ?: 'Apache Maven 3.9.'
String lib = "${itName}-lib", app = "${itName}-app"
String registry = dl.env('DL_REGISTRY')
// The access log as build 2 left it, read before this script's own requests (skopeo) add to it.
List<String> accessLog = new File(dl.env('DL_TESTENV_STATE'), 'registry.log').readLines()

// The log of each build (-V starts each with the Maven version): the Maven that ran, the participant's line, and
// which docker-layer goals ran where, under which execution.
List<String> lines = dl.buildLog().readLines()
List<Integer> starts = lines.findIndexValues { it.startsWith('Apache Maven ') }*.intValue()
dl.checkEquals(2, starts.size(), 'builds in build.log (lines starting with the -V version line)')
List<List<String>> builds = [lines.subList(starts[0], starts[1]), lines.subList(starts[1], lines.size())]
Closure<List<String>> goalsRun = { List<String> build ->
    build.collect { (it =~ /--- docker-layer(?:-maven-plugin)?:\S+:(\w+) \(([\w-]+)\) @ (\S+) ---/) }
            .findAll { it.find() }.collect { "${it.group(3)}:${it.group(1)}@${it.group(2)}".toString() }
}
String bound = "docker-layer: bound base and image to package and push to deploy in 2 projects" +
        " (<extensions>true</extensions>, no <executions>): ${lib}, ${app}"
builds.eachWithIndex { List<String> build, int i ->
    dl.check(build[0].startsWith(expectedMaven), "build ${i + 1} ran on ${build[0]}, expected ${expectedMaven}")
    dl.checkEquals(1, build.count { it == "[INFO] ${bound}".toString() }, "the participant's line in build ${i + 1}")
}
dl.checkEquals(["${lib}:base@docker-layer-images", "${lib}:image@docker-layer-images", "${lib}:push@docker-layer-push",
                "${app}:base@docker-layer-images", "${app}:image@docker-layer-images", "${app}:push@docker-layer-push"]*.toString(),
        goalsRun(builds[0]), 'docker-layer goals of build 1 (deploy), in order')
dl.checkEquals(["${lib}:base@docker-layer-images", "${lib}:image@docker-layer-images",
                "${app}:base@docker-layer-images", "${app}:image@docker-layer-images"]*.toString(),
        goalsRun(builds[1]), 'docker-layer goals of build 2 (install), in order')
// In the app of build 1: the jar first, the images in package after it, the push first in deploy, before the jar's
// deploy (a failed push leaves the jar unpublished: extension-push-fails).
List<String> order = builds[0].findAll { it.contains(" @ ${app} ---") }.collect {
    (it =~ /--- (?:maven-)?([\w-]+?)(?:-maven)?(?:-plugin)?:\S+:(\w+) \(([\w-]+)\)/).with { m -> m.find() ? "${m.group(1)}:${m.group(2)}".toString() : it }
}.findAll { it in ['jar:jar', 'docker-layer:base', 'docker-layer:image', 'install:install', 'deploy:deploy', 'docker-layer:push'] }
dl.checkEquals(['jar:jar', 'docker-layer:base', 'docker-layer:image', 'install:install', 'docker-layer:push', 'deploy:deploy'],
        order, "the order of the goals in ${app} during build 1")

// Build 1 deploys the reactor module by module (no deployAtEnd): the participant warns, once; build 2 (install) not.
String moduleByModule = 'docker-layer: mvn deploy of this reactor deploys each module\'s jar as soon as that module is built'
dl.checkEquals([1, 0], builds.collect { b -> b.count { it.startsWith("[WARNING] ${moduleByModule}") } }, 'the deployAtEnd warning in builds 1, 2')

// The library and the aggregator: skipped with a reason, no output.
String libSkip = "Skipping: ${lib} has no class with a main method, so in this multi-module build it is taken for a library of ${app}"
builds.eachWithIndex { List<String> build, int i ->
    dl.checkEquals(2, build.count { it.contains(libSkip) }, "lines saying base and image skip ${lib} in build ${i + 1}")
}
dl.check(builds[0].any { it.contains("Skipping: no image was built for ${lib}") }, "build 1 does not say push skipped ${lib}")
dl.check(!dl.file('lib/target/docker-layer').exists(), "the library module ${lib} got a target/docker-layer")
dl.check(!dl.file('target/docker-layer').exists(), 'the aggregator got a target/docker-layer')

// Build 1 pushed the app: what the registry serves under the tag is still what build 1 recorded.
Map app1 = dl.json(dl.existing('app/target/run1/image.json')), base1 = dl.json(dl.existing('app/target/run1/base.json'))
String repo = dl.repoOf(app1.image)
String runPath = repo.substring(0, repo.lastIndexOf('/'))      // 127.0.0.1:5000/it/run.../
dl.checkEquals("${runPath}/${app}".toString(), repo, 'the app repository (image from the root pom, per module)')
dl.check(repo.startsWith("${registry}/it/"), "image.json names ${app1.image}, not an image in ${registry}")
dl.checkEquals(app1.digest, app1.push?.digest, 'build 1 image.json: the push record names the built digest')
dl.checkEquals(base1.digest, base1.push?.digest, 'build 1 base.json: the push record names the built digest')

// Build 2 rebuilt the app's images into the layout and did not push.
String out = 'app/target/docker-layer'
Map app2 = dl.imageJson(out), base2 = dl.baseJson(out)
dl.checkNotEquals(app1.digest, app2.digest, 'the app digest after a one-class change')
dl.checkEquals(base1.digest, base2.digest, 'the base digest after a one-class change')
dl.checkEquals(null, app2.push, 'build 2 image.json has a push record')
dl.checkEquals(null, base2.push, 'build 2 base.json has a push record')
dl.checkEquals([app2.digest], dl.indexEntries('app', out)*.digest, 'the app in the layout after build 2 (index.json)')
Map<String, String> roles1 = app1.layers.collectEntries { [(it.role): it.digest] }
Map<String, String> roles2 = app2.layers.collectEntries { [(it.role): it.digest] }
dl.checkEquals(['classes'], roles1.keySet().findAll { roles1[it] != roles2[it] }.toList(), 'app layers build 2 changed')
// Build 2 (install) does not push, so its layout is complete: every blob index.json reaches, the JRE's layers
// included (downloaded once into the run's empty download cache and linked in).
dl.checkLayoutIntegrity(out)
dl.checkAppOnBase(out)

// The access log: build 2 sent nothing to this run's repositories (and nothing ever went to the library's).
List<String> before = dl.existing('target/registry-before.log').readLines()
dl.check(accessLog.size() >= before.size() && accessLog.subList(0, before.size()) == before, 'the access log was rewritten during the build')
String v2 = '/v2/' + runPath.substring(registry.length() + 1) + '/'
List<String> build2Requests = accessLog.drop(before.size()).findAll { it.contains(" ${v2}${app}/") || it.contains(" ${v2}${app}-base/") }
dl.checkEquals([], build2Requests, 'requests of build 2 to the app and base repositories')
dl.checkEquals([], accessLog.findAll { it.contains(" ${v2}${lib}/") || it.contains(" ${v2}${lib}-base/") }, "requests to ${lib}'s repositories")

Closure<String> remoteDigest = { String ref ->
    dl.parseJson(dl.run(['skopeo', 'inspect', '--tls-verify=false', "docker://${ref}"])).Digest
}
dl.checkEquals(app1.digest, remoteDigest("${repo}:1.0.0"), 'the registry tag 1.0.0 (skopeo) vs build 1 image.json')
dl.checkEquals(base1.digest, remoteDigest(base1.image), 'the registry base (skopeo) vs build 1 base.json')
Map libInspect = dl.exec(['skopeo', 'inspect', '--tls-verify=false', "docker://${runPath}/${lib}:1.0.0"])
dl.check(libInspect.rc != 0, "the registry holds an image of the library ${lib}: ${libInspect}")

// Both jars were deployed, by build 1 only: the deployed app jar is build 1's (build 2 changed a class).
File deployed = dl.file('target/deploy-repo/it/dockerlayer')
File libJar = new File(deployed, "${lib}/1.0.0/${lib}-1.0.0.jar"), appJar = new File(deployed, "${app}/1.0.0/${app}-1.0.0.jar")
dl.check(libJar.isFile() && appJar.isFile(), "the jars were not deployed to ${deployed}: ${libJar.isFile()}, ${appJar.isFile()}")
dl.checkEquals(dl.sha256(dl.existing("lib/target/${lib}-1.0.0.jar")), dl.sha256(libJar), 'the deployed library jar vs lib/target')
dl.checkNotEquals(dl.sha256(dl.existing("app/target/${app}-1.0.0.jar")), dl.sha256(appJar), 'the deployed app jar vs build 2 app/target')
// Each build ends with the plugin's summary, just before Maven's reactor summary: the app only (the library has no
// image); what the push did only in build 1 (deploy), not in build 2 (install).
builds.eachWithIndex { List<String> build, int i ->
    int at = build.findIndexOf { it == '[INFO] docker-layer summary: 1 image' }
    int reactor = build.findIndexOf { it.startsWith('[INFO] Reactor Summary') }
    dl.check(at >= 0 && reactor > at, "build ${i + 1}: no docker-layer summary before the reactor summary")
    List<String> summary = build.subList(at, reactor)
    dl.check(summary.any { it.startsWith("[INFO]   ${app}: ") } && !summary.any { it.contains("${lib}: ") }, "build ${i + 1}'s summary:\n${summary.join('\n')}")
    dl.checkEquals(i == 0, summary.any { it.contains('    pushed to ') }, "build ${i + 1}'s summary tells a push:\n${summary.join('\n')}")
    dl.check(summary.any { it.startsWith('[INFO]   A fresh node pulls ') }, "build ${i + 1}'s summary has no fresh-node total")
}
dl.log("${itName}: OK")
return true
