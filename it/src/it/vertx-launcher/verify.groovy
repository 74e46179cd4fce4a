// IT vertx-launcher: the image runs io.vertx.core.Launcher with exec-maven-plugin's arguments (run demo.MainVerticle):
// the container starts the verticle and answers HTTP (a probe run with docker exec in the same container), and keeps
// running; it does not print the launcher's usage and exit.
def dl = evaluate(new File(itLib, 'support.groovy'))
Map app = dl.imageJson()
String image = app.image
String container = "vertx-launcher-${System.nanoTime()}"
try { // the images were loaded into the engine: removed whatever fails
    Map config = dl.skopeoConfig(dl.tagOf(image)).config
    dl.checkEquals(['run', 'demo.MainVerticle'], config.Cmd, "the image's Cmd (exec-maven-plugin's <arguments>)")
    dl.checkEquals('io.vertx.core.Launcher', config.Entrypoint[-1], "the Entrypoint's main class")
    dl.check(dl.buildLog().contains("Args: run demo.MainVerticle (from exec-maven-plugin's <arguments>)"),
            'build.log does not say where the args came from')
    dl.run(['docker', 'run', '-d', '--name', container, '--pull', 'never', '--network', 'none', image])
    String logs = ''
    for (int i = 0; i < 120 && !logs.contains('HTTP server listening on port 8888'); i++) {
        Map state = dl.exec(['docker', 'inspect', '-f', '{{.State.Running}} {{.State.ExitCode}}', container])
        logs = dl.exec(['docker', 'logs', container]).with { it.out + it.err }
        if (state.out.trim().startsWith('false')) {
            throw new AssertionError("the container exited (${state.out.trim()}) before serving:\n${logs}")
        }
        Thread.sleep(500)
    }
    dl.check(logs.contains('MainVerticle started by the launcher'), "the verticle did not start:\n${logs}")
    dl.check(logs.contains('HTTP server listening on port 8888'), "the verticle does not listen on 8888:\n${logs}")
    dl.check(!logs.contains('Usage:'), "the launcher printed its usage:\n${logs}")
    List<String> entrypoint = config.Entrypoint
    String classpath = entrypoint[entrypoint.indexOf('-cp') + 1]
    String answer = dl.run(['docker', 'exec', container, 'java', '-cp', classpath, 'demo.Probe']).trim()
    dl.checkEquals('200 Hello from the verticle', answer, 'GET /hello inside the container')
    dl.check(dl.run(['docker', 'inspect', '-f', '{{.State.Running}}', container]).trim() == 'true', 'the container stopped')
} finally {
    dl.exec(['docker', 'rm', '-f', container])
    ([image] + app.tags.collect { "${dl.repoOf(image)}:${it}" } + [dl.baseJson().image]).unique().each {
        dl.exec(['docker', 'image', 'rm', '-f', it])
    }
}
dl.log('vertx-launcher: OK')
return true
