package io.github.dockerlayer.registry.credentials;

import static io.github.dockerlayer.registry.credentials.FakeHelpers.answering;
import static io.github.dockerlayer.registry.credentials.FakeHelpers.asked;
import static io.github.dockerlayer.registry.credentials.FakeHelpers.base64;
import static io.github.dockerlayer.registry.credentials.FakeHelpers.env;
import static io.github.dockerlayer.registry.credentials.FakeHelpers.helper;
import static io.github.dockerlayer.registry.credentials.FakeHelpers.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DockerConfigCredentialsTest {
    @TempDir
    Path temp;

    private Path home() {
        return temp.resolve("home");
    }

    private Path bin() {
        return temp.resolve("bin");
    }

    private Path config() {
        return home().resolve(".docker/config.json");
    }

    private DockerConfigCredentials docker() {
        return DockerConfigCredentials.docker(env(bin()), home(), CredentialHelper.DEFAULT_TIMEOUT);
    }

    private Credential find(String json, String registry) throws IOException {
        write(config(), json);
        return docker().find(registry);
    }

    private String auths(String key, String entry) {
        return "{\"auths\": {\"" + key + "\": " + entry + "}}";
    }

    @Test
    void authIsBase64OfUserColonPassword() throws IOException {
        Credential credential = find(
                auths("registry.example.com", "{\"auth\": \"" + base64("alice:hunter2") + "\"}"),
                "registry.example.com");
        assertEquals(new Credential("alice", "hunter2", config().toAbsolutePath() + " auths"), credential);
    }

    @Test
    void passwordMayContainColons() throws IOException {
        Credential credential = find(
                auths("registry.example.com", "{\"auth\": \"" + base64("alice:pa:ss:") + "\"}"),
                "registry.example.com");
        assertEquals("alice", credential.username());
        assertEquals("pa:ss:", credential.secret());
    }

    @Test
    void usernameAndPasswordFields() throws IOException {
        Credential credential = find(auths("ghcr.io", "{\"username\": \"bob\", \"password\": \"pw\"}"), "ghcr.io");
        assertEquals("bob", credential.username());
        assertEquals("pw", credential.secret());
    }

    @Test
    void identityToken() throws IOException {
        Credential credential = find(
                auths(
                        "myregistry.azurecr.io",
                        "{\"auth\": \"" + base64("00000000-0000-0000-0000-000000000000:")
                                + "\", \"identitytoken\": \"eyJhbGciOi\"}"),
                "myregistry.azurecr.io");
        assertEquals(
                new Credential(Credential.IDENTITY_TOKEN_USER, "eyJhbGciOi", config().toAbsolutePath() + " auths"),
                credential);
        assertTrue(credential.isIdentityToken());
    }

    @Test
    void emptyEntryIsNotFound() throws IOException {
        assertNull(find(auths("registry.example.com", "{}"), "registry.example.com"));
    }

    @Test
    void missingFileIsNotFound() throws IOException {
        assertNull(docker().find("registry.example.com"));
    }

    @Test
    void otherRegistryIsNotFound() throws IOException {
        String json = auths("registry.example.com", "{\"auth\": \"" + base64("alice:hunter2") + "\"}");
        assertNull(find(json, "registry.example.org"));
        assertNull(find(json, "registry.example.com:5000"), "a port makes another registry");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "registry.example.com:5000",
                "https://registry.example.com:5000",
                "https://registry.example.com:5000/v1/",
                "http://registry.example.com:5000/v2/",
                "registry.example.com:5000/v1/",
                "REGISTRY.Example.com:5000",
            })
    void keysAreReducedToHostAndPort(String key) throws IOException {
        Credential credential =
                find(auths(key, "{\"auth\": \"" + base64("alice:hunter2") + "\"}"), "registry.example.com:5000");
        assertEquals("alice", credential == null ? null : credential.username(), key);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://index.docker.io/v1/",
                "docker.io",
                "index.docker.io",
                "registry-1.docker.io",
                "https://registry-1.docker.io/v2/"
            })
    void dockerHubAliases(String key) throws IOException {
        String json = auths(key, "{\"auth\": \"" + base64("hubuser:hubpass") + "\"}");
        for (String registry : new String[] {"docker.io", "index.docker.io", "registry-1.docker.io", null}) {
            Credential credential = find(json, registry);
            assertEquals("hubuser", credential == null ? null : credential.username(), key + " for " + registry);
        }
        assertNull(find(json, "quay.io"));
    }

    @Test
    void exactKeyBeatsOtherSpellings() throws IOException {
        String json = "{\"auths\": {"
                + "\"https://registry.example.com/v1/\": {\"auth\": \"" + base64("old:1") + "\"},"
                + "\"registry.example.com\": {\"auth\": \"" + base64("new:2") + "\"}}}";
        assertEquals("new", find(json, "registry.example.com").username());
    }

    @Test
    void emptyEntryDoesNotHideAnotherSpelling() throws IOException {
        String json = "{\"auths\": {"
                + "\"registry.example.com\": {},"
                + "\"https://registry.example.com\": {\"auth\": \"" + base64("alice:x") + "\"}}}";
        assertEquals("alice", find(json, "registry.example.com").username());
    }

    @Test
    void dockerConfigEnvironmentVariablePointsAtTheDirectory() throws IOException {
        Path dir = temp.resolve("elsewhere");
        write(dir.resolve("config.json"), auths("registry.example.com", "{\"auth\": \"" + base64("env:x") + "\"}"));
        write(config(), auths("registry.example.com", "{\"auth\": \"" + base64("home:x") + "\"}"));
        DockerConfigCredentials credentials = DockerConfigCredentials.docker(
                Map.of("DOCKER_CONFIG", dir.toString()), home(), CredentialHelper.DEFAULT_TIMEOUT);
        assertEquals(dir.resolve("config.json").toAbsolutePath(), credentials.file());
        Credential credential = credentials.find("registry.example.com");
        assertEquals("env", credential.username());
        assertEquals(dir.resolve("config.json").toAbsolutePath() + " auths", credential.source());
    }

    @Test
    void malformedJsonNamesFileAndPlaceButQuotesNothing() throws IOException {
        write(config(), "{\"auths\": {\"registry.example.com\": {\"auth\": hunter2}}}");
        IOException e = assertThrows(IOException.class, () -> docker().find("registry.example.com"));
        assertTrue(
                e.getMessage().startsWith(config().toAbsolutePath() + " is not valid JSON: a syntax error at line 1,"),
                e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void truncatedJson() throws IOException {
        write(config(), "{\"auths\": {\n");
        IOException e = assertThrows(IOException.class, () -> docker().find("registry.example.com"));
        assertTrue(e.getMessage().contains("is not valid JSON: it ends too early"), e.getMessage());
    }

    @Test
    void wrongShapesAreNamed() throws IOException {
        assertMalformed("[]", "it is not a JSON object");
        assertMalformed("{\"auths\": []}", "'auths' is not a JSON object");
        assertMalformed(
                "{\"auths\": {\"registry.example.com\": \"hunter2\"}}",
                "auths entry 'registry.example.com' is not a JSON object");
        assertMalformed(
                auths("registry.example.com", "{\"auth\": 42}"),
                "auths entry 'registry.example.com': 'auth' is not a string");
        assertMalformed(
                auths("registry.example.com", "{\"auth\": \"not base64 hunter2!\"}"),
                "auths entry 'registry.example.com': 'auth' is not base64");
        assertMalformed(
                auths("registry.example.com", "{\"auth\": \"" + base64("hunter2") + "\"}"),
                "auths entry 'registry.example.com': 'auth' is not the base64 of user:password (no ':')");
        assertMalformed("{\"credsStore\": 1}", "'credsStore' is not a string");
        assertMalformed(
                "{\"credHelpers\": {\"registry.example.com\": true}}",
                "credHelpers entry 'registry.example.com' is not a string");
    }

    private void assertMalformed(String json, String what) throws IOException {
        write(config(), json);
        IOException e = assertThrows(IOException.class, () -> docker().find("registry.example.com"), json);
        assertEquals(config().toAbsolutePath() + " is malformed: " + what, e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void emptyFileHasNoLogins() throws IOException {
        assertNull(find("  \n", "registry.example.com"));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void credHelpersBeatCredsStoreBeatsAuths() throws IOException {
        answering(bin(), "perregistry", "registry.example.com", "fromhelper", "h");
        answering(bin(), "store", "registry.example.com", "fromstore", "s");
        String auths = "\"auths\": {\"registry.example.com\": {\"auth\": \"" + base64("fromauths:a") + "\"}}";

        Credential credential = find(
                "{\"credHelpers\": {\"registry.example.com\": \"perregistry\"}," + " \"credsStore\": \"store\", "
                        + auths + "}",
                "registry.example.com");
        assertEquals("fromhelper", credential.username());
        assertEquals(
                "docker-credential-perregistry (credHelpers in " + config().toAbsolutePath() + ")",
                credential.source());
        assertEquals("", asked(bin(), "store"), "the store is not asked when the registry's helper answers");

        credential = find("{\"credsStore\": \"store\", " + auths + "}", "registry.example.com");
        assertEquals("fromstore", credential.username());
        assertEquals("docker-credential-store (credsStore in " + config().toAbsolutePath() + ")", credential.source());

        credential = find("{" + auths + "}", "registry.example.com");
        assertEquals("fromauths", credential.username());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void helperMissesFallThrough() throws IOException {
        answering(bin(), "perregistry", "nothing-here", "x", "x");
        answering(bin(), "store", "nothing-here", "x", "x");
        String json = "{\"credHelpers\": {\"registry.example.com\": \"perregistry\"}, \"credsStore\": \"store\","
                + " \"auths\": {\"registry.example.com\": {\"auth\": \"" + base64("fromauths:a") + "\"}}}";
        assertEquals("fromauths", find(json, "registry.example.com").username());
        assertEquals("registry.example.com\n", asked(bin(), "perregistry"));
        assertEquals("registry.example.com\n", asked(bin(), "store"));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void credHelperForAnotherRegistryIsNotAsked() throws IOException {
        answering(bin(), "perregistry", "registry.example.com", "x", "x");
        assertNull(find("{\"credHelpers\": {\"registry.example.com\": \"perregistry\"}}", "other.example.com"));
        assertEquals("", asked(bin(), "perregistry"));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void helpersAreAskedForDockerHubByItsServerUrl() throws IOException {
        answering(bin(), "store", "https://index.docker.io/v1/", "hubuser", "hubsecret");
        answering(bin(), "hub", "https://index.docker.io/v1/", "hubhelper", "x");
        assertEquals("hubuser", find("{\"credsStore\": \"store\"}", "docker.io").username());
        assertEquals("https://index.docker.io/v1/\n", asked(bin(), "store"));
        assertEquals(
                "hubhelper",
                find("{\"credHelpers\": {\"https://index.docker.io/v1/\": \"hub\"}}", "docker.io")
                        .username());
        assertEquals(
                "hubhelper",
                find("{\"credHelpers\": {\"docker.io\": \"hub\"}}", "docker.io").username());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void helpersAreAskedForOtherRegistriesByHostAndPort() throws IOException {
        answering(bin(), "store", "127.0.0.1:5001", "local", "x");
        assertEquals(
                "local", find("{\"credsStore\": \"store\"}", "127.0.0.1:5001").username());
        assertEquals("127.0.0.1:5001\n", asked(bin(), "store"));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void failingHelperNamesConfigFile() throws IOException {
        helper(bin(), "store", "echo 'cannot reach the keychain' >&2; exit 2");
        write(config(), "{\"credsStore\": \"store\"}");
        IOException e = assertThrows(IOException.class, () -> docker().find("registry.example.com"));
        assertTrue(
                e.getMessage()
                        .startsWith("docker-credential-store (credsStore in " + config().toAbsolutePath() + ") failed"),
                e.getMessage());
        assertTrue(e.getMessage().contains("cannot reach the keychain"), e.getMessage());
    }

    @Test
    void missingHelperNamesConfigFile() throws IOException {
        write(config(), "{\"credsStore\": \"desktop\"}");
        IOException e = assertThrows(IOException.class, () -> docker().find("registry.example.com"));
        assertTrue(
                e.getMessage()
                        .startsWith("docker-credential-desktop (credsStore in " + config().toAbsolutePath()
                                + ") is not on the PATH"),
                e.getMessage());
    }

    @Test
    void emptyCredsStoreIsNone() throws IOException {
        String json = "{\"credsStore\": \"\", \"auths\": {\"ghcr.io\": {\"auth\": \"" + base64("a:b") + "\"}}}";
        assertEquals("a", find(json, "ghcr.io").username());
    }

    @Test
    void podmanFormatKeepsNamespaceKeysForTheirNamespaceOnly() throws IOException {
        Path file = write(
                temp.resolve("auth.json"),
                "{\"auths\": {"
                        + "\"quay.io/team\": {\"auth\": \"" + base64("team:x") + "\"},"
                        + "\"https://ghcr.io/v2/\": {\"auth\": \"" + base64("legacy:x") + "\"}}}");
        DockerConfigCredentials podman =
                DockerConfigCredentials.podman(file, Map.of(), CredentialHelper.DEFAULT_TIMEOUT);
        assertNull(podman.find("quay.io"));
        assertEquals("legacy", podman.find("ghcr.io").username());
        assertEquals(file.toAbsolutePath().toString(), podman.find("ghcr.io").source());
    }

    @Test
    void podmanFormatHasNoCredsStore() throws IOException {
        Path file = write(
                temp.resolve("auth.json"),
                "{\"credsStore\": \"nosuch\"," + " \"auths\": {\"ghcr.io\": {\"auth\": \"" + base64("podman:x")
                        + "\"}}}");
        DockerConfigCredentials podman =
                DockerConfigCredentials.podman(file, Map.of(), CredentialHelper.DEFAULT_TIMEOUT);
        assertEquals("podman", podman.find("ghcr.io").username());
    }

    @Test
    void helperServerUrls() {
        assertEquals("https://index.docker.io/v1/", DockerConfigCredentials.helperServerUrl("docker.io"));
        assertEquals("https://index.docker.io/v1/", DockerConfigCredentials.helperServerUrl("registry-1.docker.io"));
        assertEquals("https://index.docker.io/v1/", DockerConfigCredentials.helperServerUrl(null));
        assertEquals("localhost:5000", DockerConfigCredentials.helperServerUrl("localhost:5000"));
    }
}
