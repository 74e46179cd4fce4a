// IT bad-main-class-uncompiled: the base goal, run before the classes are compiled, fails naming <mainClass>, the
// class maven-jar-plugin names, and that the project is not compiled yet (not "the main class is not set"), with the
// fix; no layer is built and no layout is left behind.
def dl = evaluate(new File(itLib, 'support.groovy'))
String buildLog = dl.buildLog()
dl.check(buildLog.contains('BUILD FAILURE'), 'build.log does not report BUILD FAILURE')
String message = buildLog.readLines().findAll { it.startsWith('[ERROR]') }.join('\n')
dl.check(message.contains('Failed to execute goal io.github.dockerlayer:docker-layer-maven-plugin:'), "the build did not fail in the plugin:\n${message}")
for (String needle : ['<mainClass>', 'com.example.App', "maven-jar-plugin's <archive><manifest><mainClass>", 'not compiled yet',
                      'mvn package docker-layer:image']) {
    dl.check(message.contains(needle), "the plugin's error does not mention ${needle}:\n${message}")
}
dl.check(!(buildLog =~ /Building \S+ layer/), 'a layer was built before the failure')
dl.check(!dl.file('target/docker-layer/oci').exists(), 'target/docker-layer/oci exists after the failed build')
true
