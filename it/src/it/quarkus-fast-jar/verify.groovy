// IT quarkus-fast-jar: a Quarkus fast-jar laid out the Quarkus way (lib/ in the base at /deployments/lib, the runner,
// app/ and quarkus/ in the app image), run as java -jar /deployments/quarkus-run.jar: it starts and answers GET /hello
// inside its container; after a one-class change the base is the same and only the app's own layers moved.
def dl = evaluate(new File(itLib, 'support.groovy'))
Map<String, String> env = [DOCKER_HOST: dl.env('DOCKER_HOST')]
Map app1 = dl.json(dl.existing('target/run1/image.json')), app2 = dl.imageJson()
Map base1 = dl.json(dl.existing('target/run1/base.json')), base2 = dl.baseJson()
String repo = dl.repoOf(app2.image)
String container = "quarkus-fast-jar-${System.nanoTime()}"
try { // the images were loaded into the engine: removed whatever fails
    List<String> roles = app2.layers*.role.findAll { it != 'from' }
    dl.checkEquals(['dependencies', 'quarkus-runner', 'quarkus-app', 'quarkus-generated'], roles, 'layers above the JRE')

    // The base: Quarkus's lib/boot and lib/main at the paths quarkus-run.jar's manifest and runner expect.
    List<String> libs = dl.tarNames(dl.blob(app2.layers.find { it.role == 'dependencies' }.digest))
    dl.check(libs.contains('deployments/lib/boot/io.quarkus.quarkus-bootstrap-runner-3.33.2.jar'), "boot libs: ${libs}")
    dl.check(libs.contains('deployments/lib/main/io.quarkus.quarkus-rest-3.33.2.jar'), "main libs: ${libs}")
    dl.check(!libs.any { it.startsWith('app/') }, "/app/libs in a Quarkus base: ${libs}")
    dl.checkEquals(['deployments/', 'deployments/quarkus-app-dependencies.txt', 'deployments/quarkus-run.jar'],
            dl.tarNames(dl.blob(app2.layers.find { it.role == 'quarkus-runner' }.digest)), 'the runner layer')
    dl.checkEquals(['deployments/', 'deployments/app/', 'deployments/app/quarkus-fast-jar-1.0.0.jar'],
            dl.tarNames(dl.blob(app2.layers.find { it.role == 'quarkus-app' }.digest)), 'the app layer')
    dl.check(dl.tarNames(dl.blob(app2.layers[-1].digest)).contains('deployments/quarkus/quarkus-application.dat'),
            'the generated layer lacks quarkus-application.dat')

    Map config = dl.skopeoConfig('second').config
    dl.checkEquals(['java', '-Dquarkus.http.host=0.0.0.0', '-Djava.util.logging.manager=org.jboss.logmanager.LogManager',
            '-jar', '/deployments/quarkus-run.jar'], config.Entrypoint, 'the Entrypoint')
    dl.checkEquals('185', config.User, 'the user (Dockerfile.jvm)')
    dl.checkEquals('/deployments', config.WorkingDir, 'the working directory')
    dl.check(!dl.buildLog().contains('set <mainClass>'), 'the build asked for a main class')

    // A one-class change: the same base; the app's jar moved, and nothing below the app's own layers.
    dl.checkEquals(base1.digest, base2.digest, 'base manifest digest after a one-class change')
    dl.checkEquals(app1.layers.size(), app2.layers.size(), 'layer count of both builds')
    List<String> moved = (0..<app2.layers.size()).findAll { app1.layers[it].digest != app2.layers[it].digest }
            .collect { app2.layers[it].role }
    dl.check(moved.contains('quarkus-app'), "the app layer did not move: ${moved}")
    dl.check(moved.every { it in ['quarkus-app', 'quarkus-generated'] }, "layers that moved: ${moved}")
    dl.log("layers that moved after a one-class change: ${moved}")

    // The second image runs in the classic engine with no network and answers GET /hello inside its container.
    dl.run(['docker', 'run', '-d', '--name', container, '--pull', 'never', '--network', 'none', "${repo}:second"], 120, env)
    String logs = ''
    for (int i = 0; i < 120 && !logs.contains('started in'); i++) {
        Map state = dl.exec(['docker', 'inspect', '-f', '{{.State.Running}} {{.State.ExitCode}}', container], 60, env)
        logs = dl.exec(['docker', 'logs', container], 60, env).with { it.out + it.err }
        if (state.out.trim().startsWith('false')) {
            throw new AssertionError("the container exited (${state.out.trim()}) before starting:\n${logs}")
        }
        Thread.sleep(500)
    }
    dl.check(logs.contains('started in'), "Quarkus did not start:\n${logs}")
    String answer = dl.run(['docker', 'exec', container, 'java', '-cp', '/deployments/app/quarkus-fast-jar-1.0.0.jar',
            'demo.Probe'], 120, env).trim()
    dl.checkEquals('200 Hello from Quarkus REST, second build', answer, 'GET /hello inside the container')
} finally {
    dl.exec(['docker', 'rm', '-f', container], 60, env)
    (['first', 'second', '1.0.0'].collect { "${repo}:${it}" } + [base1.image, base2.image]).unique().each {
        dl.exec(['docker', 'image', 'rm', '-f', it], 120, env)
    }
}
dl.log('quarkus-fast-jar: OK')
return true
