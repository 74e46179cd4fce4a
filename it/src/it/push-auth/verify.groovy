// IT push-auth: basic/ holds the records of the push to the htpasswd registry, target/docker-layer those of the push
// to the token registry. Both read back with skopeo under the same login; the JRE layers were uploaded (they come
// from another registry); the log says where the login came from, never the password.
def dl = evaluate(new File(itLib, 'support.groovy'))

String creds = "${dl.env('DL_AUTH_USER')}:${dl.env('DL_AUTH_PASSWORD')}"
Map basic = dl.json(dl.existing('basic/image.json')), basicBase = dl.json(dl.existing('basic/base.json'))
Map token = dl.json(dl.existing('token/image.json')), tokenBase = dl.json(dl.existing('token/base.json'))
Map open = dl.imageJson(), openBase = dl.baseJson()
dl.check(basic.image.startsWith(dl.env('DL_AUTH_REGISTRY') + '/'), "first push went to ${basic.image}")
dl.check(token.image.startsWith(dl.env('DL_TOKEN_REGISTRY') + '/'), "second push went to ${token.image}")
for (Map record : [basic, basicBase, token, tokenBase]) {
    dl.checkEquals(record.digest, dl.registryManifestDigest(record.image, creds), "digest of ${record.image} (skopeo, with the login) vs its record")
    List fromLayers = record.layers.findAll { it.role == 'from' }
    if (record.from != null) { // a base: its JRE layers came from the open registry, so they were uploaded here
        dl.checkEquals(['uploaded'], fromLayers*.push.unique(), "what the push to ${record.image} did with the JRE layers")
        dl.check(fromLayers.every { (it.bytesSent as long) == (it.size as long) }, "bytes sent for the JRE layers of ${record.image}: ${fromLayers}")
    } else { // the app: every base layer mounted from the base's repository
        dl.checkEquals(['mounted'], record.layers.findAll { it.role in ['from', 'dependencies'] }*.push.unique(), "base layers of ${record.image}")
    }
}
// 3. The JRE was in the download cache by then (linked into the layout), and the open registry holds it: mounted,
// not uploaded, because the records keep the repository a registry layer came from.
dl.check(dl.file("dl-cache/blobs/sha256/${openBase.layers.find { it.role == 'from' }.digest.substring(7)}").isFile(), 'the JRE is not in the download cache')
dl.checkEquals(['mounted'], openBase.layers.findAll { it.role == 'from' }*.push.unique(), 'what the push to the open registry did with the cached JRE layers')
dl.checkEquals(openBase.digest, dl.registryManifestDigest(openBase.image), 'digest of the base pushed to the open registry')
// Anonymous access to the pushed repositories is refused (the logins were really needed).
Map anonymous = dl.exec(['skopeo', 'inspect', '--raw', '--tls-verify=false', '--no-creds', "docker://${token.image}"])
dl.check(anonymous.rc != 0, "anonymous skopeo could read ${token.image}: the token registry does not require a login")

String log = dl.buildLog()
dl.check(log.contains("settings.xml <server> '${dl.env('DL_AUTH_REGISTRY')}'"), 'the log does not name the settings.xml server used for the Basic registry')
dl.check(log.contains("settings.xml <server> '${dl.env('DL_TOKEN_REGISTRY')}'"), 'the log does not name the settings.xml server used for the token registry')
dl.check(!log.contains(dl.env('DL_AUTH_PASSWORD')), 'the password appears in build.log')
dl.log('push-auth: OK')
return true
