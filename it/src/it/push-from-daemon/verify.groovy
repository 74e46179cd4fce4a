// IT push-from-daemon: the daemon pushed base and app (both tags); image.json and base.json record its digests,
// which the registry holds (skopeo); the log names the daemon and says where the login came from.
def dl = evaluate(new File(itLib, 'support.groovy'))
Map app = dl.json(dl.existing('target/docker-layer/image.json'))
Map base = dl.json(dl.existing('target/docker-layer/base.json'))
for (Map record : [app, base]) {
    dl.checkEquals('daemon', record.push?.via, "${record.image}: push.via")
    dl.check(record.push.digest ==~ /sha256:[0-9a-f]{64}/, "${record.image}: push.digest is ${record.push.digest}")
    dl.checkEquals(record.push.digest, dl.registryManifestDigest(record.image), "${record.image} in the registry")
}
String repo = app.image.substring(0, app.image.lastIndexOf(':'))
dl.checkEquals(app.push.digest, dl.registryManifestDigest("${repo}:latest"), 'the latest tag')
String log = dl.buildLog()
dl.check(log.readLines().any { it.startsWith("[INFO] Pushing ${app.image} through Docker Engine ") && it.contains('(no login)') },
        'no log line says the daemon pushes the app')
dl.check(log.readLines().any { it.startsWith("[INFO] Pushed ${base.image} sha256:") && it.contains('(by the daemon)') }, 'no line says the base was pushed')
dl.log("${basedir.name}: OK")
return true
