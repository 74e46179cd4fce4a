// IT reproducible: run1 (first build), run2 (second build over the first's output) and target/docker-layer
// (third build after `clean`, under another time zone, JVM locale, default encoding and user name) hold
// byte-identical images, a resource with a non-ASCII name included. Read through skopeo and the layout's own files.
def dl = evaluate(new File(itLib, 'support.groovy'))

def runs = ['run1', 'run2', 'target/docker-layer']
String tag = '1.0.0'

// Every run holds a complete, consistent layout whose annotations agree with image.json and base.json.
for (String run : runs) {
    dl.checkLayoutIntegrity(run)
    dl.checkIndexAnnotations(run)
    dl.checkBaseVersionDerived(run)
    dl.checkAppOnBase(run)
    dl.checkEquals('reproducible:1.0.0', dl.imageJson(run).image, "${run}/image.json image (defaults: artifactId:version)")
    dl.checkEquals(['1.0.0'], dl.imageJson(run).tags, "${run}/image.json tags")
    dl.check(dl.baseJson(run).image.startsWith('reproducible-base:'), "${run}/base.json image should be reproducible-base:<version>, was ${dl.baseJson(run).image}")
    // Building again over an existing layout replaces its entries instead of adding more.
    dl.checkEquals(1, dl.indexEntries('app', run).size(), "${run}: number of app entries in index.json")
    dl.checkEquals(1, dl.indexEntries('base', run).size(), "${run}: number of base entries in index.json")
}

String baseVersion = dl.baseTag('run1')
for (String run : runs.drop(1)) {
    dl.checkEquals(baseVersion, dl.baseTag(run), "base version of ${run} vs run1")
    dl.checkEquals(dl.skopeoRawManifest(tag, 'run1'), dl.skopeoRawManifest(tag, run), "app manifest (skopeo inspect --raw) of ${run} vs run1")
    dl.checkEquals(dl.skopeoRawConfig(tag, 'run1'), dl.skopeoRawConfig(tag, run), "app config (skopeo inspect --config --raw) of ${run} vs run1")
    dl.checkEquals(dl.skopeoRawManifest(baseVersion, 'run1'), dl.skopeoRawManifest(baseVersion, run), "base manifest of ${run} vs run1")
    dl.checkEquals(dl.skopeoRawConfig(baseVersion, 'run1'), dl.skopeoRawConfig(baseVersion, run), "base config of ${run} vs run1")
    dl.checkEquals(dl.imageJson('run1'), dl.imageJson(run), "image.json of ${run} vs run1")
    dl.checkEquals(dl.baseJson('run1'), dl.baseJson(run), "base.json of ${run} vs run1")
    dl.checkEquals(new File(dl.layout('run1'), 'index.json').text, new File(dl.layout(run), 'index.json').text,
            "index.json of ${run} vs run1")
    // skopeo's summary: same digest and same layer list.
    Map a = dl.skopeoInspect(tag, 'run1'), b = dl.skopeoInspect(tag, run)
    dl.checkEquals(a.Digest, b.Digest, "skopeo inspect Digest of ${run} vs run1")
    dl.checkEquals(a.Layers, b.Layers, "skopeo inspect Layers of ${run} vs run1")
}

// The roles are the expected ones, empty layers omitted: scratch has no from layer, there are no snapshot or
// reactor dependencies.
def baseRoles = dl.baseJson().layers.collect { it.role }
dl.checkEquals(['dependencies'], baseRoles, 'roles of the base layers (base.json)')
def appRoles = dl.imageJson().layers.collect { it.role }
dl.check(appRoles.containsAll(['resources', 'classes', 'launch']) && !appRoles.contains('snapshot-dependencies')
        && !appRoles.contains('project-dependencies') && !appRoles.contains('from'),
        "roles of image.json layers: expected dependencies (from the base), resources, classes, launch, got ${appRoles}")

// Each layer listed in the JSON is in the manifest skopeo reads, with the same size; diffIds match the config.
Map manifest = dl.skopeoManifest(tag)
Map config = dl.skopeoConfig(tag)
def manifestLayers = manifest.layers.collectEntries { [(it.digest): it.size] }
for (Map layer : dl.imageJson().layers + dl.baseJson().layers) {
    dl.check(manifestLayers.containsKey(layer.digest), "layer ${layer.role} ${layer.digest} of the JSON is not in the app manifest: ${manifestLayers.keySet()}")
    dl.checkEquals(manifestLayers[layer.digest] as long, layer.size as long, "size of layer ${layer.role}")
    int i = manifest.layers.findIndexOf { it.digest == layer.digest }
    dl.checkEquals(config.rootfs.diff_ids[i], layer.diffId, "diffId of layer ${layer.role} vs the config's rootfs.diff_ids[${i}]")
    dl.checkEquals(dl.uncompressedDigest(dl.blob(layer.digest)), layer.diffId, "diffId of layer ${layer.role} vs sha256 of the gunzipped blob")
}
true
