// IT push-through-faults: faults/ holds the records of the push through recoverable faults (build 1); build 2 pushed
// to a registry that went away mid-push and failed. Every tag of both repositories is read directly from the
// registry (not through the proxies): each names a manifest whose config and layers the registry holds.
def dl = evaluate(new File(itLib, 'support.groovy'))
try {
    String registry = dl.env('DL_REGISTRY')
    Map faults = dl.faultProxy(5010), gone = dl.faultProxy(5011)
    List<Map<String, String>> faulted = dl.faultProxyRequests(faults).findAll { it.fault != '-' && it.fault != 'slow' }
    dl.check(faulted.size() >= 6, "the fault proxy injected only ${faulted.size()} faults: ${faulted}")

    // 1. The push through faults completed, with the digests of its records.
    Map app = dl.json(dl.existing('faults/image.json')), base = dl.json(dl.existing('faults/base.json'))
    Closure<String> direct = { String ref -> ref.replaceFirst('^127\\.0\\.0\\.1:501[01]/', registry + '/') }
    dl.checkEquals(app.digest, dl.registryManifestDigest(direct(app.image)), 'app digest after the faulty push')
    dl.checkEquals(base.digest, dl.registryManifestDigest(direct(base.image)), 'base digest after the faulty push')
    String log = dl.buildLog()
    dl.check(log.contains('retrying'), 'build 1 logged no retry')

    // 2. The push to the registry that went away failed in the plugin, clearly.
    List<String> errors = log.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal io.github.dockerlayer:docker-layer-maven-plugin:') }
    dl.checkEquals(1, errors.size(), "plugin failures in build.log:\n${errors.join('\n')}")
    dl.check(errors[0].contains(':push ') && errors[0].contains('127.0.0.1:5011'), "the failure does not name the push and the registry:\n${errors[0]}")
    dl.check(dl.faultProxyEvents(gone).any { it.event == 'gone' }, 'the second proxy never went away')
    dl.check(!log.contains('NullPointerException'), 'build.log shows a NullPointerException')

    // No tag points at a missing blob: for every tag of every repository the pushes touched, HEAD each blob.
    String goneRepo = 'it/' + app.image.split('/')[2] + '/push-through-faults-gone'
    List<String> repositories = [dl.remoteRepository(direct(app.image)), dl.remoteRepository(direct(base.image)),
                                 "${registry}/${goneRepo}", "${registry}/${goneRepo}-base"].collect { it.toString() }
    int checked = 0
    for (String repository : repositories) {
        Map listed = dl.exec(['skopeo', 'list-tags', '--tls-verify=false', "docker://${repository}"])
        List<String> tags = listed.rc == 0 ? dl.parseJson(listed.out).Tags ?: [] : []
        for (String tag : tags) {
            Map manifest = dl.parseJson(dl.skopeoInspectRaw("${repository}:${tag}"))
            List<String> digests = [manifest.config.digest] + manifest.layers*.digest
            String name = repository.substring(registry.length() + 1)
            for (String digest : digests) {
                Map head = dl.exec(['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', '-I', "http://${registry}/v2/${name}/blobs/${digest}"])
                dl.checkEquals('200', head.out.trim(), "HEAD of ${digest}, named by ${repository}:${tag}")
                checked++
            }
        }
    }
    dl.check(checked > 0, 'no tag was checked')
    dl.log("push-through-faults: OK (${faulted.size()} faults injected, ${checked} blobs of tagged manifests present)")
} finally {
    dl.stopFaultProxy(5010)
    dl.stopFaultProxy(5011)
}
return true
