package io.github.dockerlayer.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryExceptionTest {

    @Test
    void redactsQueryValuesButKeepsPathAndDigest() {
        String url = RegistryException.redact(URI.create("https://user:pw@r.example:5000/v2/team/app/blobs/uploads/"
                + "u-1?_state=SECRETSTATE&digest=sha256%3Aabc&X-Amz-Signature=SIG"));
        assertEquals(
                "https://r.example:5000/v2/team/app/blobs/uploads/u-1?_state=…&digest=sha256%3Aabc"
                        + "&X-Amz-Signature=…",
                url);
        assertFalse(url.contains("pw"));
    }

    @Test
    void messageNamesRequestStatusAndRegistryErrors() {
        RegistryException e = new RegistryException(
                RegistryException.Kind.MANIFEST_REJECTED,
                "refused",
                response(
                        "r:5000",
                        "PUT",
                        URI.create("http://r:5000/v2/a/manifests/t?x=1"),
                        400,
                        "{\"errors\":[{\"code\":\"MANIFEST_INVALID\",\"message\":\"manifest invalid\"}]}"),
                false,
                -1);
        assertEquals(
                "refused (PUT http://r:5000/v2/a/manifests/t?x=…: 400, MANIFEST_INVALID: manifest invalid)",
                e.getMessage());
        assertEquals(List.of("MANIFEST_INVALID"), e.errorCodes());
        assertEquals(400, e.status());
        assertEquals("r:5000", e.registry());
        assertTrue(e.url().endsWith("?x=…"));
    }

    private static RegistryHttp.Response response(String registry, String method, URI uri, int status, String body) {
        return new RegistryHttp.Response(
                registry,
                method,
                uri,
                status,
                HttpHeaders.of(Map.of(), (name, value) -> true),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
