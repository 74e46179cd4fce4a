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
// Build 2: a <mainClass> set for every module that no module holds fails the build (it used to skip every module,
// push nothing and succeed), before any image is built or pushed.
int third = build2.findIndexOf { it.contains('Reactor Build Order') }
List<String> build3 = third > 0 ? build2.subList(third, build2.size()) : []
build2 = third > 0 ? build2.subList(0, third) : build2
dl.check(build2.any { it.contains('BUILD FAILURE') }, 'build 2 did not fail')
dl.check(build2.any { it.startsWith('[ERROR]') && it.contains("<mainClass>") && it.contains("'demo.Nope' is in none of the 3 modules of this build") },
        "build 2 did not fail naming <mainClass>:\n${build2.findAll { it.startsWith('[ERROR]') }.join('\n')}")
dl.check(!build2.any { it.contains('Pushed app ') || it =~ /Building \S+ layer/ }, "build 2 built or pushed:\n${build2.findAll { it.contains('Pushed') || it.contains('Building') }.join('\n')}")
dl.checkEquals(image.digest, dl.registryManifestDigest(image.image), 'the registry still holds build 1 under its tag')
// Build 3: the library skips the image goals (no main class), and no other module makes an image: the build fails at
// its end, saying which modules skipped and why.
dl.check(!build3.isEmpty(), 'build 3 did not run')
dl.check(build3.any { it.contains('BUILD FAILURE') }, "build 3 did not fail:\n${build3.findAll { it.contains('BUILD') }.join('\n')}")
dl.check(build3.any { it.contains('The docker-layer image goals ran in 1 module of this build and made no image') },
        "build 3 does not say that no image was made:\n${build3.findAll { it.startsWith('[ERROR]') }.join('\n')}")
dl.check(build3.any { it.contains('extension-command-line-lib: no class with a main method') }, 'build 3 does not say why the library skipped')
dl.log('extension-command-line: OK')
return true
