package io.github.dockerlayer.maven;

import io.github.dockerlayer.log.BuildLog;
import java.util.List;
import java.util.function.Function;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** Passwords of settings.xml decrypted the Maven way, each problem in a warning. */
final class SettingsDecryption {
    private SettingsDecryption() {}

    /**
     * {@code items} with their passwords decrypted by the build's decrypter; as they are without one, or when it
     * returns none. Each problem decrypting is logged as a warning ({@code settings.xml: ...}).
     *
     * @param request the decryption request for {@code items}
     * @param decrypted what of the result holds the decrypted items
     */
    static <T> List<T> decrypt(
            SettingsDecrypter decrypter,
            List<T> items,
            SettingsDecryptionRequest request,
            Function<SettingsDecryptionResult, List<T>> decrypted,
            BuildLog log) {
        if (decrypter == null) {
            return items;
        }
        SettingsDecryptionResult result = decrypter.decrypt(request);
        for (SettingsProblem problem : result.getProblems()) {
            log.warn("settings.xml: " + problem.getMessage()
                    + (problem.getSeverity() == null ? "" : " (" + problem.getSeverity() + ")"));
        }
        List<T> found = decrypted.apply(result);
        return found != null && !found.isEmpty() ? found : items;
    }
}
