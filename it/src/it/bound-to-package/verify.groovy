// IT bound-to-package: `mvn package` alone ran both goals, in the package phase after the jar, and wrote both images.
def dl = evaluate(new File(itLib, 'support.groovy'))

List<String> log = dl.buildLog().readLines()
// Maven 3.9 prints "--- jar:3.4.2:jar (default-jar) @ ...", 3.8 the full artifactId: match both.
int jar = log.findIndexOf { it =~ /--- (maven-)?jar(-plugin)?:\S+:jar \(default-jar\)/ }
int base = log.findIndexOf { it =~ /--- docker-layer(-maven-plugin)?:\S+:base \(default\)/ }
int image = log.findIndexOf { it =~ /--- docker-layer(-maven-plugin)?:\S+:image \(default\)/ }
dl.check(jar >= 0 && base > jar && image > base, "expected jar, then base, then image in build.log (lines ${jar}, ${base}, ${image})")

dl.checkLayoutIntegrity()
dl.checkIndexAnnotations()
dl.checkBaseVersionDerived()
dl.checkAppOnBase()
dl.checkEquals('bound-to-package:1.0.0', dl.imageJson().image, 'image.json image')
dl.checkEquals('demo.Main', dl.skopeoConfig('1.0.0').config.Entrypoint.last(), 'main class')
true
