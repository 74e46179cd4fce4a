// IT main-class-declared: two classes have a main method, and maven-jar-plugin's manifest names demo.Tool; the
// plugin takes it (and says where from), the Entrypoint ends with it, and the image runs it in the test dockerd.
def dl = evaluate(new File(itLib, 'support.groovy'))

dl.checkLayoutIntegrity()
dl.checkAppOnBase()
dl.check(dl.buildLog().contains("Main class: demo.Tool (from maven-jar-plugin's <archive><manifest><mainClass>)"),
        'build.log does not say the main class demo.Tool came from maven-jar-plugin\'s manifest configuration')
List entrypoint = dl.skopeoConfig('1.0.0').config.Entrypoint
dl.checkEquals('demo.Tool', entrypoint.last(), 'main class at the end of the Entrypoint')

String dockerRef = 'docker-layer-it/main-class-declared:1.0.0'
String dockerHost = dl.env('DOCKER_HOST')
dl.exec(['docker', 'rmi', '-f', dockerRef], 120)
try {
    dl.run(['skopeo', 'copy', '--dest-daemon-host', dockerHost, dl.ociRef('1.0.0'), "docker-daemon:${dockerRef}"], 600)
    String out = dl.run(['docker', 'run', '--rm', '--network', 'none', dockerRef], 300)
    dl.checkEquals(['FROM TOOL'], out.readLines()*.trim().findAll { it }, "output of docker run --network none ${dockerRef}")
} finally {
    dl.exec(['docker', 'rmi', '-f', dockerRef], 120)
}
true
