// IT extension-command-line: goals of two class realms of the plugin in one build (bound by the extension, named on
// the command line) work together: no ClassCastException, the app pushed as image.json says, its Dockerfile written,
// one end-of-build summary naming the push.
def dl = evaluate(new File(itLib, 'support.groovy'))
String log = dl.buildLog()
dl.check(!log.contains('ClassCastException'), "a ClassCastException in build.log:\n${log.readLines().findAll { it.contains('ClassCast') }.join('\n')}")
Map image = dl.json(dl.existing('app/target/docker-layer/image.json'))
dl.checkEquals(image.digest, dl.registryManifestDigest(image.image), 'the pushed app')
dl.check(image.push != null, 'image.json has no push record')
dl.existing('app/target/docker-layer/docker/Dockerfile')
List<String> lines = log.readLines()
dl.check(lines.any { it.contains('--- docker-layer') && it.contains(':image (') && it.contains('@ extension-command-line-app') },
        'the image goal did not run in the app')
dl.checkEquals(1, lines.count { it == '[INFO] docker-layer summary: 1 image' }, 'summaries printed')
dl.check(lines.any { it.startsWith('[INFO]     pushed to ') }, 'the summary does not tell the push')
dl.log('extension-command-line: OK')
return true
