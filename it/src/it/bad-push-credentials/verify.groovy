// IT bad-push-credentials: both pushes failed in the plugin; build.log holds both builds' output.
def dl = evaluate(new File(itLib, 'support.groovy'))

String log = dl.buildLog()
List<String> errors = log.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal io.github.dockerlayer:docker-layer-maven-plugin:') && it.contains(':push ') }
dl.checkEquals(2, errors.size(), "push failures in build.log:\n${errors.join('\n')}")
String wrong = errors[0], readOnly = errors[1]

// 1. Wrong password: a login problem, naming the registry, the user and where the login came from.
for (String needle : ['localhost:5001', 'dltest', 'docker-config/config.json']) {
    dl.check(wrong.contains(needle), "the wrong-password error does not mention ${needle}:\n${wrong}")
}
dl.check((wrong =~ /(?i)(rejected|wrong|invalid|unauthori[sz]ed|401)/).find(), "the wrong-password error does not say the login was refused:\n${wrong}")
dl.check(!log.contains('not-the-password-4711'), 'the password appears in build.log')
dl.check(!log.contains(('dltest:not-the-password-4711').bytes.encodeBase64().toString()), 'the base64 login appears in build.log')

// 2. Read-only user: logged in, but no permission to push to that repository.
String repository = dl.imageJson().image.replaceAll(/:[^:\/]+$/, '').replaceFirst('^localhost:5002/', '')
for (String needle : ['localhost:5002', 'dlreader', repository.replaceAll(/-base$/, '')]) {
    dl.check(readOnly.contains(needle), "the read-only error does not mention ${needle}:\n${readOnly}")
}
dl.check((readOnly =~ /(?i)(permission|denied|not allowed|insufficient)/).find(), "the read-only error does not say the permission is missing:\n${readOnly}")
dl.check(!(readOnly =~ /(?i)wrong password|credentials were rejected/).find(), "the read-only error blames the password:\n${readOnly}")
for (String bad : ['NullPointerException', 'IllegalStateException']) {
    dl.check(!log.contains(bad), "build.log shows a ${bad}")
}
dl.log('bad-push-credentials: OK')
return true
