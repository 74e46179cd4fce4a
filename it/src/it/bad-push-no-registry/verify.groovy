// IT bad-push-no-registry: <image> is the default (the artifactId, no registry host); the push fails naming <image>,
// says it would go to Docker Hub, and how to name a registry. The images were built into the layout all the same.
def dl = evaluate(new File(itLib, 'support.groovy'))

String log = dl.buildLog()
List<String> errors = log.readLines().findAll { it.startsWith('[ERROR]') }
String message = errors.join('\n')
dl.check(errors.any { it.contains('Failed to execute goal io.github.dockerlayer:docker-layer-maven-plugin:') && it.contains(':push ') },
        "the push goal did not fail:\n${message}")
for (String needle : ['<image>', 'bad-push-no-registry', 'Docker Hub', 'registry.example.com/']) {
    dl.check(message.contains(needle), "the error does not mention ${needle}:\n${message}")
}
dl.checkEquals('bad-push-no-registry:1.0.0', dl.imageJson().image, 'image.json of the build before the push')
dl.check(dl.imageJson().push == null, 'image.json records a push that cannot have happened')
dl.check(!log.contains('NullPointerException'), 'build.log shows a NullPointerException')
dl.log('bad-push-no-registry: OK')
return true
