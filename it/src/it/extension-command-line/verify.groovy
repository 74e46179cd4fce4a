// IT extension-command-line: goals of two class realms of the plugin in one build (bound by the extension, named on
// the command line) work together: no ClassCastException, the app pushed as image.json says, its Dockerfile written,
// one end-of-build summary naming the push.
def dl = evaluate(new File(itLib, 'support.groovy'))
String log = dl.buildLog()
dl.check(!log.contains('ClassCastException'), "a ClassCastException in build.log:\n${log.readLines().findAll { it.contains('ClassCast') }.join('\n')}")
Map image = dl.json(dl.existing('app/target/run1/image.json'))
dl.checkEquals(image.digest, dl.registryManifestDigest(image.image), 'the pushed app')
dl.check(image.push != null, 'image.json has no push record')
dl.existing('app/target/docker-layer/docker/Dockerfile')
List<String> all = log.readLines()
int second = all.findIndexOf { it.contains('antrun:') && it.contains(':run (keep)') }
dl.check(second > 0, 'build 2 did not run antrun:run@keep')
List<String> lines = all.subList(0, second), build2 = all.subList(second, all.size())
dl.check(lines.any { it.contains('--- docker-layer') && it.contains(':image (') && it.contains('@ extension-command-line-app') },
        'the image goal did not run in the app')
// base and image named on the command line after the bound runs: one line each, the work not done again.
['base', 'image'].each { String goal ->
    List<String> runs = lines.findAll { it.contains('--- docker-layer') && it.contains(":${goal} (") && it.contains('@ extension-command-line-app') }
    dl.checkEquals(2, runs.size(), "runs of ${goal} in the app (bound, command line): ${runs}")
    String again = "[INFO] Skipping: docker-layer:${goal} already ran for extension-command-line-app in this build" +
            ' (execution docker-layer-images) with the same configuration; nothing to do again.'
    dl.checkEquals(1, lines.count { it == again }, "the line saying ${goal} ran already")
}
dl.checkEquals(1, lines.count { it == '[INFO] docker-layer summary: 1 image' }, 'summaries printed')
dl.check(lines.any { it.startsWith('[INFO]     pushed to ') }, 'the summary does not tell the push')
// Build 2: the app skipped (its main class does not exist), its earlier records removed, so the push skipped it too.
dl.check(build2.any { it.startsWith("[WARNING] Skipping: <mainClass> 'demo.Nope' is neither among extension-command-line-app") },
        "build 2 did not skip the app:\n${build2.findAll { it.contains('Skipping') }.join('\n')}")
dl.check(build2.any { it.startsWith('[INFO] Removed the records of an earlier image of extension-command-line-app') }, 'build 2 kept the earlier records')
dl.check(!dl.file('app/target/docker-layer/image.json').exists(), 'image.json of build 1 is still there')
dl.check(build2.any { it.contains('Skipping: no image was built for extension-command-line-app') }, 'the push of build 2 did not skip the app')
dl.check(!build2.any { it.contains('Pushed app ') }, "build 2 pushed an app:\n${build2.findAll { it.contains('Pushed') }.join('\n')}")
dl.log('extension-command-line: OK')
return true
