// IT spring-boot-devtools: run1/ is the default build, target/docker-layer the one with excludeDevtools=false. The
// launch layer's classpath file and the dependencies layer say what went into each image.
def dl = evaluate(new File(itLib, 'support.groovy'))

Closure<List<String>> classpath = { String out ->
    Map launch = dl.layerOfRole('launch', out)
    new String(dl.tarRead(dl.blob(launch.digest, out), 'app/docker-layer/classpath'), 'UTF-8').trim().split(':') as List
}
Closure<List<String>> jars = { String out ->
    dl.tarNames(dl.blob(dl.layerOfRole('dependencies', out).digest, out)).findAll { it.endsWith('.jar') }
}
List<String> defaults = classpath('run1'), kept = classpath('target/docker-layer')
dl.check(defaults.any { it.contains('/spring-boot-3.5.7.jar') }, "spring-boot itself is missing from the classpath: ${defaults}")
for (String gone : ['spring-boot-devtools', 'commons-lang3', 'gson']) {
    dl.check(!defaults.any { it.contains(gone) }, "${gone} is on the default image's classpath: ${defaults}")
    dl.check(!jars('run1').any { it.contains(gone) }, "${gone} is in the default image's dependencies layer")
}
dl.check(kept.any { it.contains('/spring-boot-devtools-3.5.7.jar') }, "excludeDevtools=false left devtools out: ${kept}")
dl.check(jars('target/docker-layer').any { it.contains('spring-boot-devtools-3.5.7.jar') }, 'devtools is not in the dependencies layer when kept')
dl.check(!kept.any { it.contains('commons-lang3') || it.contains('gson') }, "the Boot plugin's exclusions must hold with devtools kept: ${kept}")
String log = dl.buildLog()
for (String line : ['Left out of the image: org.springframework.boot:spring-boot-devtools:3.5.7: development only',
                    "Left out of the image: org.apache.commons:commons-lang3:3.17.0: excluded in spring-boot-maven-plugin's <excludes>",
                    "Left out of the image: com.google.code.gson:gson:2.11.0: excluded in spring-boot-maven-plugin's <excludeGroupIds>"]) {
    dl.check(log.contains(line), "build.log lacks: ${line}")
}
dl.log('spring-boot-devtools: OK')
return true
