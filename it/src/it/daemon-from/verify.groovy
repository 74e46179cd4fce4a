// IT daemon-from: the app on a daemon-built base runs with the base's RUN output in it; the daemon's image was
// saved once into the cache (by image ID); a missing daemon image fails naming <from> and it.
def dl = evaluate(new File(itLib, 'support.groovy'))
String jreTag = new File(basedir, 'pom.xml').text.find(/<from>docker-daemon:([^<]+)<\/from>/) { all, ref -> ref }
String id = dl.run(['docker', 'image', 'inspect', '--format', '{{.Id}}', jreTag]).trim()
File[] saved = new File(basedir, 'target/dl-cache/daemon').listFiles()
dl.checkEquals(["${id.substring(7)}.tar".toString()], saved*.name, 'what the cache holds of the daemon image')
Map app = dl.imageJson(), base = dl.baseJson()
dl.checkEquals(jreTag, base.from.image, 'base.json from names the daemon image')
dl.checkEquals(true, app.load.upToDate, 'the second build found the same images in the engine and sent nothing')
dl.checkEquals(0, app.load.bytesSent as int, 'bytes the second load sent')
String out = dl.run(['docker', 'run', '--rm', '--pull', 'never', '--network', 'none', app.image]).trim()
dl.checkEquals('HELLO FROM A DAEMON BASE', out, 'output of the app')
String marker = dl.run(['docker', 'run', '--rm', '--pull', 'never', '--network', 'none', '--entrypoint', 'cat', app.image,
        '/etc/dl-run-marker']).trim()
dl.checkEquals('from-a-run-step', marker, "the base's RUN step is in the app image")
String log = dl.buildLog()
String goalLine = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal io.github.dockerlayer:docker-layer-maven-plugin:') }
dl.check(goalLine != null && goalLine.contains('<from>') && goalLine.contains('it-missing-daemon-from:1'),
        "the missing daemon image did not fail naming <from> and it: ${goalLine}")
[app.image, base.image, jreTag].each { dl.exec(['docker', 'image', 'rm', '-f', it]) }
dl.log('daemon-from: OK')
return true
