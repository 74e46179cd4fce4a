package io.github.dockerlayer.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.registry.credentials.Credential;
import io.github.dockerlayer.registry.credentials.CredentialChain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

class MavenServerCredentialsTest {
    @TempDir
    Path temp;

    final List<String> warnings = new ArrayList<>();
    final BuildLog log = new BuildLog() {
        @Override
        public void info(String line) {}

        @Override
        public void warn(String line) {
            warnings.add(line);
        }
    };

    static Server server(String id, String username, String password) {
        Server server = new Server();
        server.setId(id);
        server.setUsername(username);
        server.setPassword(password);
        return server;
    }

    static Settings settings(Server... servers) {
        Settings settings = new Settings();
        for (Server server : servers) {
            settings.addServer(server);
        }
        return settings;
    }

    /**
     * "s3cret" encrypted with another master password, such that {@code master} cannot decrypt it: with a wrong key,
     * AES-CBC now and then (the salt is random, about one time in 256) meets valid padding and yields garbage instead
     * of failing, which would leave nothing to warn about.
     */
    private static String undecryptableWith(String master) throws Exception {
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        for (int attempt = 0; attempt < 50; attempt++) {
            String encrypted = cipher.encryptAndDecorate("s3cret", "another-master");
            try {
                cipher.decryptDecorated(encrypted, master);
            } catch (Exception e) {
                return encrypted;
            }
        }
        throw new IllegalStateException("every encryption decrypted with the wrong master password");
    }

    /** Maven's own decrypter, with a settings-security.xml holding {@code master} encrypted as mvn does. */
    private SettingsDecrypter decrypter(String master) throws Exception {
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        Path security = temp.resolve("settings-security.xml");
        Files.writeString(
                security,
                "<settingsSecurity><master>"
                        + cipher.encryptAndDecorate(master, DefaultSecDispatcher.SYSTEM_PROPERTY_SEC_LOCATION)
                        + "</master></settingsSecurity>");
        return new DefaultSettingsDecrypter(new DefaultSecDispatcher(cipher, Map.of(), security.toString()));
    }

    @Test
    void plainPasswords() throws Exception {
        Map<String, Credential> servers = MavenServerCredentials.of(
                settings(server("127.0.0.1:5001", "ci", "plain"), server("nexus-releases", "deploy", "pw")),
                decrypter("master"),
                log);
        assertEquals(
                new Credential("ci", "plain", "settings.xml <server> '127.0.0.1:5001'"), servers.get("127.0.0.1:5001"));
        assertEquals(List.of("127.0.0.1:5001", "nexus-releases"), List.copyOf(servers.keySet()), "all kept, in order");
        assertEquals(List.of(), warnings);
    }

    @Test
    void encryptedPasswordIsDecryptedTheMavenWay() throws Exception {
        String encrypted = new DefaultPlexusCipher().encryptAndDecorate("s3cret", "master");
        Map<String, Credential> servers = MavenServerCredentials.of(
                settings(server("registry.example.com", "ci", encrypted)), decrypter("master"), log);
        assertEquals("s3cret", servers.get("registry.example.com").secret());
        assertEquals(List.of(), warnings);
    }

    @Test
    void decryptionProblemIsAWarningWithoutTheSecret() throws Exception {
        String encrypted = undecryptableWith("master");
        Map<String, Credential> servers = MavenServerCredentials.of(
                settings(server("registry.example.com", "ci", encrypted)), decrypter("master"), log);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("registry.example.com"), warnings.get(0));
        assertFalse(warnings.get(0).contains("s3cret"), warnings.get(0));
        assertTrue(servers.containsKey("registry.example.com"), "the server stays, with its password as written");
    }

    @Test
    void serversWithoutUsernameOrPasswordAreNoLogins() throws Exception {
        Server key = server("git.example.com", null, null);
        key.setPrivateKey("/home/me/.ssh/id_ed25519");
        Map<String, Credential> servers = MavenServerCredentials.of(
                settings(key, server("registry.example.com", "ci", null), server("ghcr.io", "me", "tok")),
                decrypter("master"),
                log);
        assertEquals(List.of("ghcr.io"), List.copyOf(servers.keySet()));
    }

    @Test
    void firstServerOfAnIdCounts() throws Exception {
        Map<String, Credential> servers = MavenServerCredentials.of(
                settings(server("ghcr.io", "first", "1"), server("ghcr.io", "second", "2")), decrypter("master"), log);
        assertEquals("first", servers.get("ghcr.io").username());
    }

    @Test
    void noServers() throws Exception {
        assertEquals(Map.of(), MavenServerCredentials.of(new Settings(), decrypter("master"), log));
        assertEquals(Map.of(), MavenServerCredentials.of(null, null, log));
    }

    @Test
    void chainUsesTheServersFirst() throws Exception {
        Path home = temp.resolve("home");
        Files.createDirectories(home.resolve(".docker"));
        Files.writeString(
                home.resolve(".docker/config.json"), "{\"auths\": {\"ghcr.io\": {\"auth\": \"ZG9ja2VyOnB3\"}}}");
        Map<String, Credential> servers =
                MavenServerCredentials.of(settings(server("ghcr.io", "maven", "tok")), decrypter("master"), log);
        Credential found = CredentialChain.standard(servers, Map.of(), home).find("ghcr.io");
        assertEquals(new Credential("maven", "tok", "settings.xml <server> 'ghcr.io'"), found);
        assertEquals(
                "docker",
                CredentialChain.standard(Map.of(), Map.of(), home)
                        .find("ghcr.io")
                        .username());
    }

    @Test
    void toStringHidesThePassword() throws Exception {
        Map<String, Credential> servers =
                MavenServerCredentials.of(settings(server("ghcr.io", "maven", "tok-123")), decrypter("master"), log);
        assertFalse(servers.toString().contains("tok-123"), servers.toString());
    }
}
