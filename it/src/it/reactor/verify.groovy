// IT reactor: only reactor-app gets an image; its base has a project-dependencies layer holding exactly the
// reactor-lib jar, above the dependencies layer; the image runs on the JRE in the test dockerd.
def dl = evaluate(new File(itLib, 'support.groovy'))

String dockerHost = dl.env('DOCKER_HOST')
String app = 'reactor-app/target/docker-layer'
String libJar = 'app/libs/reactor-lib-1.0.0.jar'
String lang3 = 'app/libs/commons-lang3-3.17.0.jar'

dl.check(!dl.file('target/docker-layer').exists(), 'the aggregator (packaging pom) got a target/docker-layer')
dl.check(!dl.file('reactor-lib/target/docker-layer').exists(), 'the library module (no main class) got a target/docker-layer')
dl.check(!dl.file('reactor-sdk/target/docker-layer').exists(), 'the client library (no main class, no dependent) got a target/docker-layer')
dl.check(!dl.file('reactor-itest/target/docker-layer').exists(), 'the test-only module got a target/docker-layer')
String log = dl.buildLog()
// Each inherits the aggregator's jar manifest mainClass demo.app.App, which none of them can run.
String inherited = '(its pom names demo.app.App, which is not on its classpath)'
dl.check(log.contains("Skipping: reactor-lib has no class with a main method ${inherited}, so in this multi-module build it is taken for a library of reactor-app"),
        'build.log does not say why reactor-lib was skipped')
for (String module : ['reactor-sdk', 'reactor-itest']) {
    dl.check(log.contains("Skipping: ${module} has no class with a main method ${inherited}, so in this multi-module build it is taken for a library or test module"),
            "build.log does not say why ${module} was skipped")
}

dl.check(dl.buildLog().contains("Main class: demo.app.App (from maven-jar-plugin's <archive><manifest><mainClass>)"),
        'build.log does not say reactor-app took demo.app.App from the inherited maven-jar-plugin configuration')
dl.checkLayoutIntegrity(app)
dl.checkIndexAnnotations(app)
dl.checkBaseVersionDerived(app)
dl.checkAppOnBase(app)
List roles = dl.baseJson(app).layers*.role
dl.check(roles.size() >= 3 && roles.takeRight(2) == ['dependencies', 'project-dependencies'] && roles.dropRight(2).every { it == 'from' },
        "roles of the base layers: expected from..., dependencies, project-dependencies, got ${roles}")

File projectDeps = dl.blob(dl.layerOfRole('project-dependencies', app).digest, app)
File deps = dl.blob(dl.layerOfRole('dependencies', app).digest, app)
dl.checkEquals([libJar], dl.tarNames(projectDeps).findAll { !it.endsWith('/') }, 'files of the project-dependencies layer')
dl.checkEquals([lang3], dl.tarNames(deps).findAll { !it.endsWith('/') }, 'files of the dependencies layer')
dl.checkEquals(dl.sha256(dl.file('reactor-lib/target/reactor-lib-1.0.0.jar')), dl.sha256(dl.tarRead(projectDeps, libJar)),
        "${libJar} in the layer vs reactor-lib/target/reactor-lib-1.0.0.jar")
List entrypoint = dl.skopeoConfig('1.0.0', app).config.Entrypoint
dl.checkEquals('demo.app.App', entrypoint.last(), 'main class of reactor-app')
dl.checkEquals('https://git.example/reactor/reactor-app', dl.skopeoConfig('1.0.0', app).config.Labels?.get('org.opencontainers.image.source'),
        'source label of reactor-app (scm declared by the reactor aggregator, module appended by Maven)')
dl.check(entrypoint.any { it.contains('/' + libJar) }, "the Entrypoint classpath does not name /${libJar}: ${entrypoint}")

String dockerRef = 'docker-layer-it/reactor-app:1.0.0'
dl.exec(['docker', 'rmi', '-f', dockerRef], 120)
try {
    dl.run(['skopeo', 'copy', '--dest-daemon-host', dockerHost, dl.ociRef('1.0.0', app), "docker-daemon:${dockerRef}"], 600)
    String out = dl.run(['docker', 'run', '--rm', '--network', 'none', dockerRef], 300)
    dl.checkEquals(['FROM THE REACTOR!'], out.readLines()*.trim().findAll { it }, "output of docker run --network none ${dockerRef}")
} finally {
    dl.exec(['docker', 'rmi', '-f', dockerRef], 120)
}
true
