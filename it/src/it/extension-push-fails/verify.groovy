// IT extension-push-fails: `mvn deploy` with the extension and a registry nothing listens on. The push runs first in
// the deploy phase, before maven-deploy-plugin, so the failed push stops the app before its jar is deployed.
// Build 1 (deployAtEnd): nothing is deployed at all. Build 2 (module by module): the app's jar is not deployed; the
// library, which the reactor builds (and deploys) before the app, is, and the participant warned of that.
def dl = evaluate(new File(itLib, 'support.groovy'))

String lib = 'extension-push-fails-lib', app = 'extension-push-fails-app'
List<String> lines = dl.buildLog().readLines()
List<Integer> starts = lines.findIndexValues { it.startsWith('Apache Maven ') }*.intValue()
dl.checkEquals(2, starts.size(), 'builds in build.log (lines starting with the -V version line)')
List<List<String>> builds = [lines.subList(starts[0], starts[1]), lines.subList(starts[1], lines.size())]
// The goals of the deploy phase that ran in the app, in order.
Closure<List<String>> deployPhase = { List<String> build ->
    build.findAll { it.contains(" @ ${app} ---") }.collect {
        (it =~ /--- (?:maven-)?([\w-]+?)(?:-maven)?(?:-plugin)?:\S+:(\w+) \(([\w-]+)\)/).with { m -> m.find() ? "${m.group(1)}:${m.group(2)}".toString() : it }
    }.findAll { it in ['install:install', 'docker-layer:push', 'deploy:deploy'] }
}
String moduleByModule = 'docker-layer: mvn deploy of this reactor deploys each module\'s jar as soon as that module is built'
builds.eachWithIndex { List<String> build, int i ->
    dl.checkEquals(['install:install', 'docker-layer:push'], deployPhase(build), "the app's goals from install on in build ${i + 1}")
    dl.check(build.any { it.startsWith('[ERROR] Failed to execute goal io.github.dockerlayer:docker-layer-maven-plugin:')
            && it.contains(":push (docker-layer-push) on project ${app}") && it.contains('127.0.0.1:1') },
            "build ${i + 1} did not fail in the app's push naming 127.0.0.1:1")
    dl.checkEquals(i == 1 ? 1 : 0, build.count { it.startsWith("[WARNING] ${moduleByModule}") }, "the deployAtEnd warning in build ${i + 1}")
}

Closure<List<String>> deployed = { String dir ->
    File root = dl.file("target/${dir}")
    List<String> files = []
    if (root.isDirectory()) {
        root.eachFileRecurse(groovy.io.FileType.FILES) { files << root.toPath().relativize(it.toPath()).toString() }
    }
    files.sort()
}
// Build 1: every module's push before any deploy, so the failed push left nothing published (no jar, no pom).
dl.checkEquals([], deployed('deploy-at-end'), 'files deployed by build 1 (deployAtEnd)')
// Build 2: the app's jar is not published; the aggregator and the library, built before the app, are.
List<String> published = deployed('deploy-module-by-module')
dl.check(!published.any { it.contains("/${app}/") }, "build 2 deployed the app whose push failed: ${published}")
dl.check(published.any { it.endsWith("${lib}-1.0.0.jar") }, "build 2 did not deploy the library, built before the app: ${published}")
dl.log('extension-push-fails: OK')
return true
