// IT base-goal: target/base-only is what `docker-layer:base` alone wrote, target/image-build what
// `docker-layer:image` wrote after it (step 2 already failed the build if skip=true wrote anything), and
// target/docker-layer the image named renamed-app with outputTimestamp 2030-06-01T00:00:00Z.
def dl = evaluate(new File(itLib, 'support.groovy'))

String baseOnly = 'target/base-only', imageBuild = 'target/image-build', renamed = 'target/docker-layer'
dl.checkLayoutIntegrity(baseOnly)
dl.checkBaseVersionDerived(baseOnly)
dl.check(!new File(dl.outputDir(baseOnly), 'image.json').exists(), 'the base goal alone wrote image.json')
dl.checkEquals([], dl.indexEntries('app', baseOnly), 'app entries in index.json after the base goal alone')
dl.checkEquals(1, dl.index(baseOnly).manifests.size(), 'number of index.json entries after the base goal alone')
dl.check(dl.baseJson(baseOnly).image.startsWith('base-goal-base:'), "base.json image: expected base-goal-base:<version>, was ${dl.baseJson(baseOnly).image}")
dl.checkEquals(['dependencies'], dl.baseJson(baseOnly).layers*.role, 'roles of the base layers')
String version = dl.baseTag(baseOnly)
File rootfs = dl.umociUnpack(version, 'target/bundle-base', baseOnly)
dl.check(new File(rootfs, 'app/libs/commons-lang3-3.17.0.jar').isFile(), 'umoci unpack of the base: app/libs/commons-lang3-3.17.0.jar missing')

// The image goal reuses that base: same version, same manifest bytes, and the app sits on it.
dl.checkLayoutIntegrity(imageBuild)
dl.checkIndexAnnotations(imageBuild)
dl.checkAppOnBase(imageBuild)
dl.checkEquals(version, dl.baseTag(imageBuild), 'base version, base goal alone vs image goal')
dl.checkEquals(dl.baseJson(baseOnly), dl.baseJson(imageBuild), 'base.json, base goal alone vs image goal')
dl.checkEquals(dl.skopeoRawManifest(version, baseOnly), dl.skopeoRawManifest(version, imageBuild), 'base manifest (skopeo inspect --raw), base goal alone vs image goal')
dl.checkEquals(dl.baseJson(baseOnly).digest, dl.imageJson(imageBuild).base.digest, 'image.json base.digest vs the base the base goal built')

// Another image name and outputTimestamp: the base version and bytes stay, the app's own layers all move.
dl.checkLayoutIntegrity(renamed)
dl.checkIndexAnnotations(renamed)
dl.checkAppOnBase(renamed)
dl.checkEquals('renamed-app:1.0.0', dl.imageJson(renamed).image, 'image.json image with -Ddocker-layer.image=renamed-app')
dl.check(dl.baseJson(renamed).image.startsWith('renamed-app-base:'), "base.json image: expected renamed-app-base:<version>, was ${dl.baseJson(renamed).image}")
dl.checkEquals(version, dl.baseTag(renamed), 'base version under another image name and outputTimestamp')
dl.checkEquals(dl.skopeoRawManifest(version, baseOnly), dl.skopeoRawManifest(version, renamed), 'base manifest under another image name and outputTimestamp')
for (String role : ['classes', 'launch']) { // no resources layer: the project has none
    Map before = dl.layerOfRole(role, imageBuild), after = dl.layerOfRole(role, renamed)
    dl.checkNotEquals(before.digest, after.digest, "digest of the ${role} layer with outputTimestamp 2030-06-01T00:00:00Z")
    dl.checkNotEquals(before.diffId, after.diffId, "diffId of the ${role} layer with outputTimestamp 2030-06-01T00:00:00Z")
    List times = dl.tarEntries(dl.blob(after.digest, renamed)).collect { it.date + ' ' + it.time }.unique()
    dl.checkEquals(['2030-06-01 00:00:00'], times, "mtimes of the ${role} layer with outputTimestamp 2030-06-01T00:00:00Z")
}
dl.check(!dl.imageJson(imageBuild).layers.any { it.role == 'resources' }, 'a project without resources got a resources layer (empty layers are omitted)')
dl.check(String.valueOf(dl.skopeoInspect('1.0.0', renamed).Created).startsWith('2030-06-01T00:00:00'),
        "Created with outputTimestamp 2030-06-01T00:00:00Z was ${dl.skopeoInspect('1.0.0', renamed).Created}")
true
