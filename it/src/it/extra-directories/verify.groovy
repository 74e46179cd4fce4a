// IT extra-directories: the extra directory's files are in their own layer, between launch and resources/classes,
// with the permission's mode; the app reads its config file from there; a missing directory fails the build clearly.
def dl = evaluate(new File(itLib, 'support.groovy'))
Map<String, String> env = [DOCKER_HOST: dl.env('DOCKER_HOST')]
Closure<String> docker = { List args -> dl.run(['docker'] + args, 120, env) }
Map app = dl.imageJson() // build 1's: build 2 failed before writing anything
List<String> roles = app.layers*.role.findAll { !(it in ['from', 'dependencies']) }
dl.checkEquals(['launch', 'extra-directories', 'resources', 'classes'], roles,
        'app layers, bottom to top: the extra directories below resources and classes')

// The layer's tar headers: explicit parents, the script 755 (it is 644 on disk), the config 644, uid/gid 0.
Map extra = dl.layerOfRole('extra-directories')
List<Map> entries = dl.tarEntries(dl.blob(extra.digest))
Map<String, String> modes = entries.collectEntries { [(it.name): it.mode] }
dl.checkEquals(['opt/', 'opt/app/', 'opt/app/config.yml', 'opt/app/run.sh'], entries*.name, 'entries of the extra-directories layer')
dl.checkEquals('-rwxr-xr-x', modes['opt/app/run.sh'], 'mode of run.sh (permission 755)')
dl.checkEquals('-rw-r--r--', modes['opt/app/config.yml'], 'mode of config.yml')
dl.checkEquals('drwxr-xr-x', modes['opt/app/'], 'mode of /opt/app')
entries.each { dl.checkEquals('0/0', it.owner, "owner of ${it.name}") }

// The image runs the service with its config file from the extra directory, and the script is executable in it.
String image = "${dl.repoOf(app.image)}:${app.tags[0]}"
dl.checkEquals('hello from the extra directory',
        docker(['run', '--rm', '--pull', 'never', '--network', 'none', image]).trim(), 'output of the service')
dl.checkEquals('script ran as /opt/app/run.sh', docker(['run', '--rm', '--pull', 'never', '--network', 'none',
        '--entrypoint', '/opt/app/run.sh', image]).trim(), 'output of the script run directly')

// Build 2: the missing directory fails in the plugin, naming the parameter and the path, with a fix.
String log = dl.buildLog()
List<String> errors = log.readLines().findAll { it.startsWith('[ERROR]') }
String goalLine = errors.find { it.contains('Failed to execute goal io.github.dockerlayer:docker-layer-maven-plugin:') }
dl.check(goalLine != null, "build 2 did not fail in the plugin:\n${errors.join('\n')}")
for (String needle : ['<extraDirectories>', 'src/main/no-such-directory', 'does not exist', 'Fix:']) {
    dl.check(goalLine.contains(needle), "the plugin's error does not mention ${needle}: ${goalLine}")
}
dl.check(!log.contains('NullPointerException'), 'build.log shows a NullPointerException')

[image, dl.baseJson().image].each { dl.exec(['docker', 'image', 'rm', '-f', it], 120, env) }
dl.log("plugin error, as expected:\n${goalLine}")
dl.log('extra-directories: OK')
return true
