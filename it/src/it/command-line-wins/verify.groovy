// IT command-line-wins: step 1 skipped although the pom says skip=false; step 2's image carries the command line's
// values for every parameter, none of the pom's.
def dl = evaluate(new File(itLib, 'support.groovy'))

dl.check(dl.buildLog().contains('Skipping: docker-layer.skip is true.'), '-Ddocker-layer.skip=true did not win over <skip>false</skip>')

dl.checkLayoutIntegrity()
Map image = dl.imageJson()
dl.checkEquals('cli/app:cli-1', image.image, 'image.json image (-Ddocker-layer.image and -Ddocker-layer.tags)')
dl.checkEquals(['cli-1', 'cli-2'], image.tags, 'image.json tags')
dl.checkEquals('cli/base:cli-base', image.base.image, 'image.json base.image (-Ddocker-layer.base and -Ddocker-layer.baseVersion)')

Map config = dl.skopeoConfig('cli-1')
Map c = config.config
dl.checkEquals(['9999/tcp'], (c.ExposedPorts as Map).keySet() as List, 'ExposedPorts')
dl.checkEquals('4242', c.User, 'User')
dl.checkEquals('/cli', c.WorkingDir, 'WorkingDir')
dl.checkEquals('demo.Cli', c.Entrypoint.last(), 'main class')
dl.check(c.Entrypoint.contains('-Dfrom=cli') && !c.Entrypoint.contains('-Dfrom=pom'), "jvmFlags in the Entrypoint: ${c.Entrypoint}")
dl.checkEquals(['cli-arg'], c.Cmd, 'Cmd (args)')
dl.check(c.Env.contains('FROM=cli') && !c.Env.contains('FROM=pom'), "Env: ${c.Env}")
dl.checkEquals('cli', c.Labels?.get('from'), 'label from')
dl.check(String.valueOf(config.created).startsWith('2031-02-03T04:05:06'), "created should be the command line's outputTimestamp, was ${config.created}")
true
