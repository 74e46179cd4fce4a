// IT registry-from-offline: build 2 ran under -o after clean and made the same images as build 1 (run1/) from the
// download cache alone; build 3, a push under -o, failed saying Maven is offline.
def dl = evaluate(new File(itLib, 'support.groovy'))

Map base1 = dl.json(dl.existing('run1/base.json')), app1 = dl.json(dl.existing('run1/image.json'))
Map base2 = dl.baseJson(), app2 = dl.imageJson()
dl.checkEquals(base1.digest, base2.digest, 'base digest built offline')
dl.checkEquals(app1.digest, app2.digest, 'app digest built offline')
dl.checkEquals(dl.env('DL_JRE_IMAGE'), base2.from.image, 'base.json from.image')
dl.check(base2.layers.findAll { it.role == 'from' }.every { it.repository == dl.env('DL_JRE_IMAGE').replaceAll(/:[^:\/]+$/, '') },
        "from layers of base.json do not name the from repository: ${base2.layers}")
dl.check(dl.file('dl-cache/tags').isDirectory(), 'the download cache has no tag records')
// A build that does not push makes the layout complete: the JRE's layers were downloaded once (build 1, into the
// empty dl-cache) and linked in, so tools that read the layout alone can copy it; build 2 linked them from the cache.
dl.checkLayoutIntegrity()
dl.check(!dl.buildLog().contains('The layout leaves '), 'a build that does not push left layers in the registry')
dl.run(['skopeo', 'copy', "oci:${dl.file('target/docker-layer/oci')}:1.0.0", "dir:${dl.file('target/copied')}"])
base2.layers.each { dl.check(dl.file("target/copied/${it.digest.substring(7)}").isFile(), "skopeo did not copy layer ${it.role} ${it.digest}") }
String log = dl.buildLog()
String push = log.substring(log.lastIndexOf('docker-layer-maven-plugin'))
List<String> errors = log.readLines().findAll { it.startsWith('[ERROR]') && it.contains(':push ') }
dl.check(!errors.isEmpty(), 'the offline push did not fail in the plugin')
dl.check(errors[0].contains('offline') && errors[0].contains('without -o'), "the offline push's error does not say Maven is offline and what to do:\n${errors[0]}")
dl.check(app2.push == null, 'image.json records a push')
dl.log('registry-from-offline: OK')
return true
