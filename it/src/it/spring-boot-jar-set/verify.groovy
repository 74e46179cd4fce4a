// IT spring-boot-jar-set: the jars of the image's dependencies layer are the repackaged jar's BOOT-INF/lib, less
// spring-boot-jarmode-tools.
def dl = evaluate(new File(itLib, 'support.groovy'))
File jar = dl.existing('target/spring-boot-jar-set-1.0.0.jar')
dl.check(dl.file('target/spring-boot-jar-set-1.0.0.jar.original').isFile(), 'spring-boot-maven-plugin did not repackage the jar')
List<String> bootLib = dl.run(['unzip', '-Z1', jar.path]).readLines()
        .findAll { it.startsWith('BOOT-INF/lib/') && it.endsWith('.jar') }
        .collect { it.substring('BOOT-INF/lib/'.length()) }
dl.check(bootLib.any { it.startsWith('spring-boot-jarmode-tools-') }, "BOOT-INF/lib has no spring-boot-jarmode-tools: ${bootLib}")
List<String> expected = bootLib.findAll { !it.startsWith('spring-boot-jarmode-tools-') }.sort()
List<String> image = dl.tarNames(dl.blob(dl.layerOfRole('dependencies').digest))
        .findAll { it.endsWith('.jar') }.collect { it.substring(it.lastIndexOf('/') + 1) }.sort()
dl.check(image == expected, "the image's dependencies layer differs from BOOT-INF/lib (less spring-boot-jarmode-tools):\n" +
        "only in the image: ${image - expected}\nonly in BOOT-INF/lib: ${expected - image}")
// What the rules did, named: starters out, the provided jar and its own dependencies in.
dl.check(!image.any { it.startsWith('spring-boot-starter') }, "a starter is in the image: ${image}")
dl.check(image.any { it.startsWith('guava-33.4.8-jre') } && image.any { it.startsWith('failureaccess-') },
        "the provided guava or its dependency failureaccess is missing: ${image}")
String log = dl.buildLog()
dl.check(log.contains('Left out of the image: org.springframework.boot:spring-boot-starter-web:3.5.7: Spring-Boot-Jar-Type: dependencies-starter'),
        'build.log does not say the starter was left out')
dl.log("spring-boot-jar-set: OK (${image.size()} jars, as BOOT-INF/lib)")
return true
