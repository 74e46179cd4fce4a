// IT dockerfile: the Dockerfile the dockerfile goal wrote, built by the real engines as the Dockerfile recipe does
// (`docker build --target base -t <base>:<version>`, then `--target app --cache-from <base>:<version>`, the classic
// builder), runs with no network like the plugin's own app image (pulled from the loopback registry), with the
// base's RUN done, the same files under /app and the same config.
def dl = evaluate(new File(itLib, 'support.groovy'))

String tag = '1.0.0'
Map imageJson = dl.imageJson()
String pluginApp = imageJson.image
File context = dl.existing('target/docker-layer/docker')
String dockerfile = dl.existing('target/docker-layer/docker/Dockerfile').getText('UTF-8')
dl.log("Dockerfile:\n${dockerfile}")

// FROM names the JRE as the plugin read it, pinned to its digest; the RUN comes before the dependencies.
String jreDigest = dl.baseJson().from.digest
dl.check(dockerfile.contains("FROM ${dl.env('DL_JRE_IMAGE')}@${jreDigest} AS base\n"), "the base stage does not start FROM the JRE pinned to ${jreDigest}")
int run = dockerfile.indexOf('RUN mkdir -p /opt/extra \\\n    && echo ok > /opt/extra/marker\n')
int deps = dockerfile.indexOf('COPY ["context/dependencies/", "/"]')
dl.check(run > 0 && deps > run, 'the RUN of baseInstructions is not in the base stage before the dependencies')
dl.check(dockerfile.indexOf('FROM base AS app') > deps, 'the app stage does not follow the base stage')
dl.check(!new File(context, '.dockerignore').exists(), 'the context has a .dockerignore')
dl.check(new File(context, 'context/dependencies/app/libs/commons-lang3-3.17.0.jar').isFile(), 'the context lacks the dependency jar')

// The commands of the header: the base's tag, derived from the base stage.
String baseRef = (dockerfile =~ /(?m)^#   docker build --target base -t (\S+) \.$/)[0][1]
dl.check(baseRef ==~ /.*\/docker-layer-it\/dockerfile-run[0-9]+-base:[0-9a-f]{12}/, "unexpected base reference ${baseRef}")
dl.check(dockerfile.contains("#   docker build --target app --cache-from ${baseRef} -t ${dl.repoOf(pluginApp)}:${tag} .\n"),
        'the header lacks the app build command')

Map pluginConfig = dl.skopeoConfig(tag).config
List<String> expected = [
        'greeting: Docker "layer" costs $5 \\ not more',
        'flag: on and "quoted"',
        'args: one|two words|$HOME',
        'resource: read from /app/resources',
        'working directory: /work dir',
        'marker: MARKER',
        'java: 17',
]

// Both engines of the test environment: the classic image store (20.10) and the containerd one (26).
Map engines = [classic: dl.env('DOCKER_HOST'), docker26: dl.env('DL_DOCKER26_HOST')]
String compose = System.getenv('DL_DOCKER_COMPOSE')
// .ci/testenv installs compose (from the trixie tree): in CI its absence is a failure, not a reason to skip.
dl.check(compose || System.getenv('CI') != 'true', 'DL_DOCKER_COMPOSE is not set under CI=true: .ci/testenv should have installed docker-compose')
String built = "docker-layer-it/${dl.repoOf(pluginApp).tokenize('/').last()}-built:${tag}"
String composed = "docker-layer-it/${dl.repoOf(pluginApp).tokenize('/').last()}-compose:${tag}"

engines.each { String engine, String host ->
    Map env = [DOCKER_HOST: host, DOCKER_BUILDKIT: '0']
    Closure docker = { List args, long timeout = 600 -> dl.run(['docker'] + args, timeout, env) }
    try {
        docker(['pull', pluginApp])
        String baseOut = docker(['build', '--target', 'base', '-t', baseRef, context.absolutePath])
        dl.log("${engine}: docker build --target base:\n${baseOut}")
        String appOut = docker(['build', '--target', 'app', '--cache-from', baseRef, '-t', built, context.absolutePath])
        dl.log("${engine}: docker build --target app:\n${appOut}")
        // The app build takes the base stage (its RUN too) from the cache.
        dl.check(appOut.contains('Using cache'), "${engine}: the app build did not use the base as cache:\n${appOut}")

        Map outputs = [plugin: pluginApp, dockerfile: built]
        if (compose) {
            File file = dl.file('target/compose/compose.yaml')
            file.parentFile.mkdirs()
            file.setText("""services:
  app:
    image: ${composed}
    build:
      context: ${context.absolutePath}
      target: app
      cache_from:
        - ${baseRef}
      network: none
""", 'UTF-8')
            String out = dl.run([compose, '-f', file.absolutePath, '-p', "dl-dockerfile-${engine}", 'build'], 600, env)
            dl.log("${engine}: ${compose} build:\n${out}")
            outputs.compose = composed
        } else {
            dl.log('DL_DOCKER_COMPOSE is not set: docker build --target app --cache-from stands for docker compose build')
        }
        outputs.each { String kind, String ref ->
            String out = docker(['run', '--rm', '--pull', 'never', '--network', 'none', ref], 300)
            dl.log("${engine}: docker run ${ref} printed:\n${out}")
            List want = expected.collect { it.replace('MARKER', kind == 'plugin' ? 'missing' : 'ok') }
            dl.checkEquals(want, out.readLines()*.trim().findAll { it }, "${engine}: output of docker run --network none ${ref}")
        }
        // The same files under /app, the same settings.
        Closure files = { String ref ->
            docker(['run', '--rm', '--pull', 'never', '--network', 'none', '--entrypoint', 'find', ref, '/app', '-type', 'f'], 120)
                    .readLines().sort()
        }
        dl.checkEquals(files(pluginApp), files(built), "${engine}: files under /app, plugin's image vs the Dockerfile's")
        Map config = dl.parseJson(docker(['image', 'inspect', '--format', '{{json .Config}}', built], 60))
        for (String key : ['Entrypoint', 'Cmd', 'WorkingDir', 'User', 'ExposedPorts']) {
            dl.checkEquals(pluginConfig[key], config[key], "${engine}: ${key} of the Dockerfile's app vs the plugin's")
        }
        // The base stage's ENV comes on top of the JRE's; the rest is the plugin's, in its order.
        dl.checkEquals(pluginConfig.Env, config.Env - ['EXTRA_HOME=/opt/extra'], "${engine}: Env of the Dockerfile's app vs the plugin's")
        dl.check(config.Env.contains('EXTRA_HOME=/opt/extra'), "${engine}: the base stage's ENV is missing: ${config.Env}")
        // The base the Dockerfile's app names is the Docker-built one, whose digest the plugin cannot know.
        Map labels = new TreeMap(pluginConfig.Labels)
        labels.remove('org.opencontainers.image.base.digest')
        labels['org.opencontainers.image.base.name'] = baseRef
        dl.checkEquals(labels, new TreeMap(config.Labels), "${engine}: Labels of the Dockerfile's app vs the plugin's")
    } finally {
        for (String ref : [built, composed, baseRef, pluginApp]) {
            dl.exec(['docker', 'image', 'rm', '--force', ref], 120, env)
        }
    }
}
// The image goal ran too, without Docker: it says the baseInstructions are not in the images it makes; the dockerfile
// goal, which carries them out, does not say so.
List<String> warned = dl.buildLog().readLines().findAll { it.contains('<baseInstructions> is set, but this goal builds without Docker') }
dl.checkEquals(1, warned.size(), 'warnings that the image goal runs no baseInstructions')
true
