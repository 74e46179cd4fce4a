// IT push-through-faults: two fault proxies in front of the open registry, stopped by verify.groovy.
def dl = evaluate(new File(itLib, 'support.groovy'))
// Recoverable faults: the first PATCH and the first upload PUT reset, requests 3-4 answered 503, the first two
// HEADs 429 (Retry-After: 1), the first mount reset, the first two manifest PUTs 503, 2 MiB/s both ways.
dl.startFaultProxy(5010, 'reset@PATCH:1,reset@PUT/v2*blobs/uploads*:1,503:3-4,429@HEAD:2,'
        + 'reset@POST/v2*blobs/uploads/?mount=*:1,503@PUT/v2*manifests*:2,slow:2m')
// The registry goes away once the first blob upload has been answered.
dl.startFaultProxy(5011, 'gone@PUT/v2*blobs/uploads*:1')
return true
