// IT load-classic: a full first load and a thin second one into the classic store of the test environment's engine,
// under a name with a registry port; the image runs; the engine's image IDs are the recorded ones.
def dl = evaluate(new File(itLib, 'support.groovy'))
def check = evaluate(new File(itLib, 'load-check.groovy'))
def docker = check(dl, [dockerHost: dl.env('DOCKER_HOST'), store: 'classic', thinCarries: ['classes']])
// Classic store: the image ID is the config digest.
dl.checkEquals(dl.imageJson().imageId, dl.imageJson().load.imageId, 'classic store: image ID = config digest')
Map app = dl.imageJson()
(['first', 'second', '1.0.0'].collect { "${dl.repoOf(app.image)}:${it}" } + [dl.baseJson().image]).each {
    dl.exec(['docker', 'image', 'rm', '-f', it])
}
dl.log('load-classic: OK')
return true
