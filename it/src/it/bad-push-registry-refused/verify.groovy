// IT bad-push-registry-refused: nothing listens on 127.0.0.1:5999. The first use of that registry in the build (svc-a's
// base goal asking whether the base is there) tries a few times, then gives up; the refusal is remembered for the
// build, so svc-a's push and all of svc-b (under --fail-at-end) fail at once, with no new connection attempt, and
// each failure says once which registry refused and what to check.
def dl = evaluate(new File(itLib, 'support.groovy'))

String registry = '127.0.0.1:5999'
List<String> lines = dl.buildLog().readLines()
int svcB = lines.findIndexOf { it.contains('Building svc-b ') }
dl.check(svcB > 0, 'svc-b was not built (--fail-at-end)')

// Connection attempts: the plugin logs each request it sends at debug, a refused one as "-> connection refused".
List<Integer> attempts = lines.findIndexValues { it.contains("http://${registry}/") && it.contains('-> connection refused') }*.intValue()
dl.check(!attempts.isEmpty(), "no refused connection attempt logged (is the plugin's debug log on?)")
dl.check(attempts.size() <= 4, "${attempts.size()} connection attempts, expected at most 4:\n${attempts.collect { lines[it] }.join('\n')}")
dl.check(attempts.every { it < svcB }, "svc-b asked ${registry} again:\n${attempts.findAll { it > svcB }.collect { lines[it] }.join('\n')}")
dl.check(!lines.any { it.startsWith('[INFO]') && it.contains('retrying') && it.contains(registry) }, 'an info line per retry of a refused connection')

// Each failure: the push goal, the registry named once, what to check; no "N times in a row", no doubled cause.
List<String> errors = lines.findAll { it.startsWith('[ERROR] Failed to execute goal io.github.dockerlayer:docker-layer-maven-plugin:') }
dl.checkEquals(2, errors.size(), "plugin failures in build.log:\n${errors.join('\n')}")
dl.check(errors[0].contains('on project svc-a') && errors[1].contains('on project svc-b'), "failures:\n${errors.join('\n')}")
for (String error : errors) {
    dl.check(error.contains(':push '), "not the push that failed:\n${error}")
    dl.checkEquals(1, error.count("nothing answers at ${registry}"), "times the failure names the refusal:\n${error}")
    dl.checkEquals(1, error.count('connection refused'), "times the failure says 'connection refused':\n${error}")
    dl.check(error.contains('check the registry host and port'), "the failure does not say what to check:\n${error}")
    dl.check(!error.contains('times in a row') && !error.contains('ConnectException'), "the failure repeats itself:\n${error}")
}
def message = { String e -> e.substring(e.indexOf('docker-layer: ')) }
dl.checkEquals(message(errors[0]), message(errors[1]), 'the two failures')
dl.check(!lines.any { it.contains('NullPointerException') }, 'build.log shows a NullPointerException')
dl.log("bad-push-registry-refused: OK (${attempts.size()} connection attempts, all in svc-a)")
return true
