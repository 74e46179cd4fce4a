package io.github.dockerlayer.maven;

import io.github.dockerlayer.log.BuildLog;
import io.github.dockerlayer.registry.Registries;
import io.github.dockerlayer.registry.RegistryClient;
import io.github.dockerlayer.registry.credentials.CredentialChain;
import java.nio.file.Path;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** Turns the Maven session (settings.xml servers and proxies, offline mode) into the registries a goal talks to. */
final class MavenRegistries {
    private MavenRegistries() {}

    /**
     * The registries for one goal: credentials from settings.xml servers, then Docker's and Podman's files; the
     * settings' active proxy for this client only; no request at all under {@code mvn -o}.
     */
    static Registries open(
            MavenSession session,
            SettingsDecrypter decrypter,
            Path cacheDirectory,
            boolean allowInsecure,
            BuildLog log) {
        MavenProxies.Result proxies = MavenProxies.of(session.getSettings(), decrypter, log);
        RegistryClient.Settings defaults = RegistryClient.Settings.defaults();
        RegistryClient.Settings settings = new RegistryClient.Settings(
                allowInsecure,
                defaults.connectTimeout(),
                defaults.readTimeout(),
                defaults.maxAttempts(),
                proxies.selector(),
                proxies.authenticator());
        CredentialChain credentials = CredentialChain.standard(
                MavenServerCredentials.of(session.getSettings(), decrypter, log),
                System.getenv(),
                Path.of(System.getProperty("user.home")));
        return new Registries(credentials, settings, cacheDirectory, session.isOffline(), log);
    }

    /**
     * The shared download cache when {@code cacheDirectory} is not set: {@code $XDG_CACHE_HOME/docker-layer}, else
     * {@code ~/.cache/docker-layer}.
     */
    static Path defaultCacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("docker-layer");
    }
}
