// IT push-base-version-taken: the second push (another dependency set under baseVersion 1) failed in the plugin,
// naming <baseVersion>, the base and the fix, and changed nothing in the registry.
def dl = evaluate(new File(itLib, 'support.groovy'))

Map base1 = dl.json(dl.existing('target/run1/base.json')), app1 = dl.json(dl.existing('target/run1/image.json'))
Map base2 = dl.baseJson()
dl.checkEquals(base1.image, base2.image, 'both builds name the same base tag')
dl.checkNotEquals(base1.imageId, base2.imageId, 'the second base has other content (gson added)')

String log = dl.buildLog()
List<String> errors = log.readLines().findAll { it.startsWith('[ERROR]') }
String message = errors.join('\n')
dl.check(errors.any { it.contains('Failed to execute goal io.github.dockerlayer:docker-layer-maven-plugin:') && it.contains(':push ') },
        "the push goal did not fail:\n${message}")
for (String needle : ['<baseVersion>', base1.image, 'other content', 'overwriteBase']) {
    dl.check(message.contains(needle), "the error does not mention ${needle}:\n${message}")
}
Closure<String> remoteDigest = { String ref ->
    dl.parseJson(dl.run(['skopeo', 'inspect', '--tls-verify=false', "docker://${ref}"])).Digest
}
dl.checkEquals(base1.digest, remoteDigest(base1.image), 'the base tag after the refused push')
dl.checkEquals(app1.digest, remoteDigest(app1.image), 'the app tag after the refused push')
dl.log('push-base-version-taken: OK')
return true
