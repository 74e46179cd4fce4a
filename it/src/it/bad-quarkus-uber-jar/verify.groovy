// IT bad-quarkus-uber-jar: a Quarkus uber-jar fails the base goal clearly (what is set where, what is supported, how to
// switch), before any layer or layout is written; it does not ask for a main class.
def dl = evaluate(new File(itLib, 'support.groovy'))
dl.checkPluginFailure('quarkus.package.jar.type', ['uber-jar', 'application.properties', 'fast-jar'],
        ['quarkus.package.jar.type=fast-jar'])
dl.check(!dl.buildLog().contains('<mainClass>'), 'the failure talks of <mainClass>')
dl.check(!dl.buildLog().contains('Building dependencies layer'), 'a dependencies layer was built')
dl.log('bad-quarkus-uber-jar: OK')
return true
