// IT bad-launcher-no-verticle: the launcher without a verticle fails the build, before any layout is written.
def dl = evaluate(new File(itLib, 'support.groovy'))
dl.checkPluginFailure('args', ['io.vertx.core.Launcher', 'Main-Verticle', 'main.verticle', 'exit 0'], ['set <args>'])
dl.log('bad-launcher-no-verticle: OK')
return true
