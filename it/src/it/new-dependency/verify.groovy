// IT new-dependency: target/run1 is the build with commons-lang3 + snapshot-lib, target/docker-layer the build
// with gson added (-Pmore-deps). Layer contents are read with GNU tar from the blobs and with umoci unpack.
def dl = evaluate(new File(itLib, 'support.groovy'))

String before = 'target/run1', after = 'target/docker-layer'
String tag = '1.0.0'
String lang3 = 'app/libs/commons-lang3-3.17.0.jar'
String snapshot = 'app/libs/snapshot-lib-1.0-SNAPSHOT.jar'
String gson = 'app/libs/gson-2.11.0.jar'

for (String run : [before, after]) {
    dl.checkLayoutIntegrity(run)
    dl.checkIndexAnnotations(run)
    dl.checkBaseVersionDerived(run)
    dl.checkAppOnBase(run)
}

/** layer digest -> the names of its entries, for every layer of the app manifest (bottom to top) */
def contents = { String run ->
    dl.layerDigests(tag, run).collectEntries { String d -> [(d): dl.tarNames(dl.blob(d, run))] }
}
/** the digests of the app's layers that hold an entry */
def layersHolding = { Map byLayer, String name -> byLayer.findAll { k, v -> v.contains(name) }.keySet() as List }

// --- first build: a release jar in the dependencies layer, the snapshot jar only in its own layer ---
Map roles1 = dl.rolesByDigest(before)
Map byLayer1 = contents(before)
dl.checkEquals(['dependencies', 'snapshot-dependencies'], dl.baseJson(before).layers.collect { it.role }, 'roles of the base layers (first build)')
Map deps1 = dl.layerOfRole('dependencies', before)
Map snaps1 = dl.layerOfRole('snapshot-dependencies', before)
dl.checkEquals([deps1.digest], layersHolding(byLayer1, lang3), "layers holding ${lang3} (first build)")
dl.checkEquals([snaps1.digest], layersHolding(byLayer1, snapshot), "layers holding ${snapshot} (first build)")
dl.checkEquals([], byLayer1[snaps1.digest].findAll { it.endsWith('.jar') && it != snapshot }, 'other jars in the snapshot-dependencies layer')
dl.checkEquals([], byLayer1[deps1.digest].findAll { it.contains('SNAPSHOT') }, 'snapshot files in the dependencies layer')
byte[] snapJar = dl.tarRead(dl.blob(snaps1.digest, before), snapshot)
File repoJar = new File(localRepositoryPath, 'it/setup/snapshot-lib/1.0-SNAPSHOT/snapshot-lib-1.0-SNAPSHOT.jar')
dl.checkEquals(dl.sha256(repoJar), dl.sha256(snapJar), "${snapshot} in the layer vs the jar in the local repository")

// umoci sees the same files once all layers are applied.
File rootfs = dl.umociUnpack(tag, 'target/bundle-run1', before)
for (String name : [lang3, snapshot]) {
    dl.check(new File(rootfs, name).isFile(), "umoci unpack: ${name} missing from the first build's rootfs")
}
dl.check(!new File(rootfs, gson).exists(), "umoci unpack: ${gson} is in the first build although gson was not a dependency")

// --- second build: gson moves the base version and the dependencies layer, nothing below the app's own code ---
String baseBefore = dl.baseTag(before), baseAfter = dl.baseTag(after)
dl.checkNotEquals(baseBefore, baseAfter, 'base version tag (ref.name of the role=base entry of index.json) after adding gson')
dl.check(dl.indexEntries('base', after).any { it.annotations[dl.REF_NAME] == baseAfter },
        "index.json after adding gson has no base entry tagged ${baseAfter}")
dl.log("base entries in index.json after adding gson: ${dl.indexEntries('base', after).collect { it.annotations[dl.REF_NAME] }}")
dl.checkNotEquals(dl.baseJson(before).digest, dl.baseJson(after).digest, 'base manifest digest after adding gson')
Map deps2 = dl.layerOfRole('dependencies', after)
Map snaps2 = dl.layerOfRole('snapshot-dependencies', after)
dl.checkNotEquals(deps1.digest, deps2.digest, 'dependencies layer digest after adding gson')
dl.checkEquals(snaps1.digest, snaps2.digest, 'snapshot-dependencies layer digest after adding gson')
dl.checkEquals(dl.layerOfRole('classes', before).digest, dl.layerOfRole('classes', after).digest, 'classes layer digest after adding gson')

Map byLayer2 = contents(after)
dl.checkEquals([deps2.digest], layersHolding(byLayer2, gson), "layers holding ${gson} (second build)")
dl.checkEquals([deps2.digest], layersHolding(byLayer2, lang3), "layers holding ${lang3} (second build)")
dl.checkEquals([snaps2.digest], layersHolding(byLayer2, snapshot), "layers holding ${snapshot} (second build)")
dl.check(byLayer2[deps2.digest].any { it ==~ /app\/libs\/error_prone_annotations-.*\.jar/ },
        "gson's own dependency error_prone_annotations is not in the dependencies layer: ${byLayer2[deps2.digest]}")

// The launch command of the new app names gson on its classpath, the old one does not.
String cpAfter = dl.skopeoConfig(tag, after).config.Entrypoint.join(' ')
String cpBefore = dl.skopeoConfig(tag, before).config.Entrypoint.join(' ')
dl.check(cpAfter.contains('/' + gson), "Entrypoint after adding gson does not name /${gson}: ${cpAfter}")
dl.check(!cpBefore.contains('gson'), "Entrypoint of the first build names gson: ${cpBefore}")
dl.check(cpAfter.contains('/' + snapshot), "Entrypoint does not name /${snapshot}: ${cpAfter}")

File rootfs2 = dl.umociUnpack(tag, 'target/bundle-run2', after)
dl.check(new File(rootfs2, gson).isFile(), "umoci unpack: ${gson} missing from the second build's rootfs")
// The old base stays readable by its own tag if the layout still has it; the new one is what the app names.
dl.checkEquals(dl.baseJson(after).digest, dl.imageJson(after).base.digest, 'image.json base.digest after adding gson')
true
