package io.github.dockerlayer.maven;

import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.registry.credentials.Credential;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Registry logins from Maven's {@code settings.xml}: a {@code <server>} whose {@code <id>} is the registry as the
 * image reference writes it, with its port when it has one:
 *
 * <pre>{@code
 * <server>
 *   <id>registry.example.com:5000</id>
 *   <username>ci</username>
 *   <password>{COQLCE6DU6GtcS5P=}</password>
 * </server>
 * }</pre>
 *
 * <p>Passwords are decrypted the Maven way (mvn --encrypt-password, settings-security.xml) by the build's
 * {@link SettingsDecrypter}. Every server with a user name and a password is kept, whatever its id: the look-up is by
 * exact id, so a server meant for a Maven repository is never offered to a registry of another name.
 */
final class MavenServerCredentials {
    private MavenServerCredentials() {}

    /**
     * The servers' logins by server id, in settings order. A problem decrypting a password is logged as a warning
     * (with Maven's message, which never holds the password) and that server's password stays as written.
     *
     * @param settings the build's settings ({@code ${settings}}, or {@code MavenSession.getSettings()})
     * @param decrypter the build's decrypter (injected into the mojo)
     */
    static Map<String, Credential> of(Settings settings, SettingsDecrypter decrypter, BuildLog log) {
        List<Server> servers = settings == null ? List.of() : settings.getServers();
        if (servers == null || servers.isEmpty()) {
            return Map.of();
        }
        List<Server> decrypted = SettingsDecryption.decrypt(
                decrypter,
                servers,
                new DefaultSettingsDecryptionRequest().setServers(servers),
                SettingsDecryptionResult::getServers,
                log);
        Map<String, Credential> logins = new LinkedHashMap<>();
        for (Server server : decrypted) {
            String id = server.getId();
            if (id == null || id.isBlank() || logins.containsKey(id.strip())) {
                continue; // Maven's own rule: the first server of an id counts
            }
            if (server.getUsername() == null || server.getPassword() == null) {
                log.debug("settings.xml <server> '" + id + "' has no username and password; not a registry login.");
                continue;
            }
            logins.put(id.strip(), new Credential(server.getUsername(), server.getPassword(), source(id.strip())));
        }
        return Collections.unmodifiableMap(logins);
    }

    /** The source text of the login of server {@code id}. */
    static String source(String id) {
        return "settings.xml <server> '" + id + "'";
    }
}
