// IT bad-push-no-registry: <image> is the default (the artifactId, no registry host) and the run pushes: the first goal
// of the plugin fails at once, before building anything, naming <image>, saying it would go to Docker Hub, and how
// to name a registry.
def dl = evaluate(new File(itLib, 'support.groovy'))

String log = dl.buildLog()
List<String> errors = log.readLines().findAll { it.startsWith('[ERROR]') }
String message = errors.join('\n')
dl.check(errors.any { it.contains('Failed to execute goal io.github.dockerlayer:docker-layer-maven-plugin:') && it.contains(':base ') },
        "the base goal (the first of the run) did not fail:\n${message}")
for (String needle : ['<image>', 'bad-push-no-registry', 'Docker Hub as docker.io/library/bad-push-no-registry', 'registry.example.com/']) {
    dl.check(message.contains(needle), "the error does not mention ${needle}:\n${message}")
}
dl.check(!dl.file('target/docker-layer/oci').exists(), 'the base goal built a layout although the run could not push it')
dl.check(!log.contains('NullPointerException'), 'build.log shows a NullPointerException')
dl.log('bad-push-no-registry: OK')
return true
