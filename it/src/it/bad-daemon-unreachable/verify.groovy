// IT bad-daemon-unreachable: with DOCKER_HOST on a missing socket, load=auto logs one line and succeeds, load=true
// fails naming the socket, DOCKER_HOST and DOCKER_CONTEXT; the layout of the build is there either way.
def dl = evaluate(new File(itLib, 'support.groovy'))
String log = dl.buildLog()
List<String> autoLines = log.readLines().findAll { it.contains('Not loading into a Docker daemon (load=auto)') }
dl.checkEquals(1, autoLines.size(), "lines of the load=auto build about the missing daemon:\n${autoLines.join('\n')}")
dl.check(autoLines[0].contains('no-daemon-bad-daemon-unreachable.sock'), "the load=auto line does not name the socket: ${autoLines[0]}")
List<String> errors = log.readLines().findAll { it.startsWith('[ERROR]') }
String goalLine = errors.find { it.contains('Failed to execute goal io.github.dockerlayer:docker-layer-maven-plugin:') }
dl.check(goalLine != null, "the load=true build did not fail in the plugin:\n${errors.join('\n')}")
for (String needle : ['no-daemon-bad-daemon-unreachable.sock', 'DOCKER_HOST', 'DOCKER_CONTEXT']) {
    dl.check(goalLine.contains(needle), "the plugin's error does not mention ${needle}: ${goalLine}")
}
dl.check(!log.contains('NullPointerException'), 'build.log shows a NullPointerException')
dl.check(dl.imageJson().load == null, 'image.json records a load')
dl.log("plugin error, as expected:\n${goalLine}")
return true
