// IT command-line-wins: step 1 skipped although the pom says skip=false; step 2's image carries the command line's
// values for every parameter, none of the pom's.
def dl = evaluate(new File(itLib, 'support.groovy'))

dl.check(dl.buildLog().contains('Skipping: docker-layer.skip is true.'), 'a bare -Ddocker-layer.skip did not win over <skip>false</skip>')

// Step 2: -Ddocker-layer.from= (and baseVersion, image, skip) left empty: the pom's values were used.
Map emptyImage = dl.json(dl.file('target/empty-values/image.json'))
Map emptyBase = dl.json(dl.file('target/empty-values/base.json'))
dl.checkEquals('pom/app:pom-1', emptyImage.image, 'image.json image with empty -D values')
dl.checkEquals('pom/base:pom-base', emptyBase.image, 'base.json image with empty -D values')
dl.check(emptyBase.from?.image != 'scratch' && emptyBase.layers.any { it.role == 'from' },
        "an empty -Ddocker-layer.from replaced the pom's JRE: base.json from ${emptyBase.from}")

dl.checkLayoutIntegrity()
Map image = dl.imageJson()
dl.checkEquals('cli/app:cli-1', image.image, 'image.json image (-Ddocker-layer.image and -Ddocker-layer.tags)')
dl.checkEquals(['cli-1', 'cli-2'], image.tags, 'image.json tags')
dl.checkEquals('cli/base:cli-base', image.base.image, 'image.json base.image (-Ddocker-layer.base and -Ddocker-layer.baseVersion)')
dl.checkEquals('scratch', dl.baseJson().from?.image, 'base.json from (-Ddocker-layer.from=scratch over the pom\'s JRE)')
dl.check(!dl.baseJson().layers.any { it.role == 'from' }, 'the scratch base has from layers')

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
