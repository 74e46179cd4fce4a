// IT one-class-change: target/run1 is the build before the change to Messages.java, target/docker-layer the one
// after. Through skopeo: exactly one app layer differs and it is the classes layer; the base is untouched.
def dl = evaluate(new File(itLib, 'support.groovy'))

String before = 'target/run1', after = 'target/docker-layer'
String tag = '1.0.0'
for (String run : [before, after]) {
    dl.checkLayoutIntegrity(run)
    dl.checkIndexAnnotations(run)
    dl.checkAppOnBase(run)
}

// The base does not move: same version tag, same manifest and config bytes, same base.json.
String baseVersion = dl.baseTag(before)
dl.checkEquals(baseVersion, dl.baseTag(after), 'base version tag after the one-class change')
dl.checkEquals(dl.skopeoRawManifest(baseVersion, before), dl.skopeoRawManifest(baseVersion, after), 'base manifest (skopeo inspect --raw) after the one-class change')
dl.checkEquals(dl.skopeoRawConfig(baseVersion, before), dl.skopeoRawConfig(baseVersion, after), 'base config after the one-class change')
dl.checkEquals(dl.baseJson(before), dl.baseJson(after), 'base.json after the one-class change')
dl.checkEquals(dl.imageJson(before).base, dl.imageJson(after).base, 'image.json "base" after the one-class change')

// The app moves: exactly one layer digest differs, at the same position, and it is the classes layer.
List<String> layersBefore = dl.layerDigests(tag, before)
List<String> layersAfter = dl.layerDigests(tag, after)
dl.checkEquals(layersBefore.size(), layersAfter.size(), 'number of app layers after the one-class change')
List<Integer> changed = (0..<layersBefore.size()).findAll { layersBefore[it] != layersAfter[it] }
dl.checkEquals(1, changed.size(), "number of app layers whose digest changed (positions ${changed}; before:\n  ${layersBefore.join('\n  ')}\nafter:\n  ${layersAfter.join('\n  ')})")
int i = changed[0]
dl.checkEquals('classes', dl.rolesByDigest(after)[layersAfter[i]], "role (image.json) of the one layer that changed, at position ${i}")
dl.checkEquals('classes', dl.rolesByDigest(before)[layersBefore[i]], "role (image.json of the first build) of the layer at position ${i}")

// The diff_ids of the configs tell the same story.
List diffBefore = dl.skopeoConfig(tag, before).rootfs.diff_ids
List diffAfter = dl.skopeoConfig(tag, after).rootfs.diff_ids
dl.checkEquals([i], (0..<diffBefore.size()).findAll { diffBefore[it] != diffAfter[it] }, 'positions of the changed rootfs.diff_ids')

// Manifest and config of the app change; the app's tag now points at the new manifest.
dl.checkNotEquals(dl.imageJson(before).digest, dl.imageJson(after).digest, 'app manifest digest after the change')
dl.checkNotEquals(dl.imageJson(before).imageId, dl.imageJson(after).imageId, 'app config digest after the change')
dl.checkEquals(1, dl.indexEntries('app', after).size(), 'number of app entries in index.json after the rebuild')

// The changed layer holds the new Messages.class (read with tar from the blob), the old one the old class;
// it holds only files under app/classes.
File oldBlob = dl.blob(layersBefore[i], before), newBlob = dl.blob(layersAfter[i], after)
byte[] oldClass = dl.tarRead(oldBlob, 'app/classes/demo/Messages.class')
byte[] newClass = dl.tarRead(newBlob, 'app/classes/demo/Messages.class')
dl.check(oldClass != null && newClass != null, "app/classes/demo/Messages.class is missing from the classes layer: ${dl.tarNames(newBlob)}")
dl.check(new String(oldClass, 'ISO-8859-1').contains('Hello from the first build'), 'the first build\'s classes layer does not hold the first Messages.class')
dl.check(new String(newClass, 'ISO-8859-1').contains('Hello from the second build'), 'the second build\'s classes layer does not hold the changed Messages.class')
dl.checkEquals(dl.file('target/classes/demo/Messages.class').bytes.encodeHex().toString(), newClass.encodeHex().toString(), 'Messages.class in the layer vs target/classes')
List<String> outside = dl.tarNames(newBlob).findAll { !('app/classes/'.startsWith(it) || it.startsWith('app/classes/')) }
dl.checkEquals([], outside, 'entries of the classes layer outside app/classes')
// The layer table in the Maven log of the second build says the same: only classes is new.
List<String> log = dl.file('build.log').readLines()
int table = log.findLastIndexOf { it.contains('] App image one-class-change:') }
dl.check(table >= 0, 'build.log has no "App image" layer table')
Map<String, String> status = [:]
log.drop(table + 2).takeWhile { it =~ /^\[INFO\]   \S+ +\S+ \S+  sha256:[0-9a-f]{12}  \w+$/ }.each {
    List<String> cells = it.substring(6).trim().split(/ +/) as List
    status[cells[0]] = cells.last()
}
dl.checkEquals('new', status.classes, "status of the classes layer in the second build's table ${status}")
dl.check(status.findAll { it.key != 'classes' }.every { it.value in ['reused', 'unchanged'] } && status.size() >= 4,
        "every other layer of the second build should be reused or unchanged: ${status}")
true
