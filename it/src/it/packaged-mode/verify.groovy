// IT packaged-mode: the project's jar is the app's top layer, on the classpath in place of the classes: the app prints
// the Implementation-Version from its manifest; after a one-class change only the jar layer moved; both images ran.
def dl = evaluate(new File(itLib, 'support.groovy'))
Map<String, String> env = [DOCKER_HOST: dl.env('DOCKER_HOST')]
Closure<String> docker = { List args -> dl.run(['docker'] + args, 120, env) }
Map app1 = dl.json(dl.existing('target/run1/image.json')), app2 = dl.imageJson()
List<String> roles = app2.layers*.role.findAll { !(it in ['from', 'dependencies']) }
dl.checkEquals(['launch', 'jar'], roles, 'app layers in packaged mode, bottom to top')
dl.checkEquals('jar', app2.layers[-1].role, 'the jar layer is the top layer')

// The jar layer holds the jar maven-jar-plugin built, at /app/app.jar, and nothing else.
File jarBlob = dl.blob(app2.layers[-1].digest)
dl.checkEquals(['app/', 'app/app.jar'], dl.tarNames(jarBlob), 'the jar layer\'s entries')
Map config = dl.skopeoConfig('second')
List<String> entrypoint = config.config.Entrypoint
int cp = entrypoint.indexOf('-cp')
dl.check(entrypoint[cp + 1].startsWith('/app/app.jar:/app/libs/commons-lang3-3.17.0.jar'), "classpath: ${entrypoint[cp + 1]}")
dl.check(!entrypoint[cp + 1].contains('/app/classes'), "the classes directory is on the classpath: ${entrypoint[cp + 1]}")

// A one-class change moved the jar layer and nothing else (the jar is reproducible: outputTimestamp is set).
dl.checkEquals(app1.layers.size(), app2.layers.size(), 'layer count of both builds')
List<String> moved = (0..<app2.layers.size()).findAll { app1.layers[it].digest != app2.layers[it].digest }
        .collect { app2.layers[it].role }
dl.checkEquals(['jar'], moved, 'layers that moved after a one-class change')
dl.check(!dl.buildLog().contains('is not reproducible'), 'a warning says the jar is not reproducible, though outputTimestamp is set')

// Both loaded images run in the classic engine without a network, reading their version from the jar's manifest.
String repo = dl.repoOf(app2.image)
dl.checkEquals('version 2.3.4 HELLO FROM THE FIRST BUILD',
        docker(['run', '--rm', '--pull', 'never', '--network', 'none', "${repo}:first"]).trim(), 'output of the first image')
dl.checkEquals('version 2.3.4 HELLO FROM THE SECOND BUILD',
        docker(['run', '--rm', '--pull', 'never', '--network', 'none', "${repo}:second"]).trim(), 'output of the second image')

(['first', 'second', '2.3.4'].collect { "${repo}:${it}" } + [dl.baseJson().image]).each {
    dl.exec(['docker', 'image', 'rm', '-f', it], 120, env)
}
dl.log('packaged-mode: OK')
return true
