// IT bad-no-main-class: the plugin fails, names <mainClass> and says to set it; no layout is left behind. The base
// goal fails so, before it builds any layer.
def dl = evaluate(new File(itLib, 'support.groovy'))
dl.checkPluginFailure('<mainClass>', ['public static void main(String[])'],
        ['(fix|set|add|configure|specify)[^.]*<mainClass>', 'docker-layer\\.mainClass'])
String buildLog = dl.buildLog()
dl.check(buildLog.readLines().any { it.startsWith('[ERROR] Failed to execute goal io.github.dockerlayer:docker-layer-maven-plugin:') && it.contains(':base ') },
        'the base goal did not fail: it should check the main class before building')
dl.check(!(buildLog =~ /Building \S+ layer/), "the base goal built a layer before failing on the main class:\n" +
        buildLog.readLines().findAll { it =~ /Building \S+ layer/ }.join('\n'))
true
