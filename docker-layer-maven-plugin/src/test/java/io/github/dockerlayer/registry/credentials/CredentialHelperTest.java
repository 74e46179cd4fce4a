package io.github.dockerlayer.registry.credentials;

import static io.github.dockerlayer.registry.credentials.FakeHelpers.answering;
import static io.github.dockerlayer.registry.credentials.FakeHelpers.asked;
import static io.github.dockerlayer.registry.credentials.FakeHelpers.env;
import static io.github.dockerlayer.registry.credentials.FakeHelpers.helper;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisabledOnOs(OS.WINDOWS) // the fake helpers are shell scripts
class CredentialHelperTest {
    private static final String CONFIGURED = "credsStore in /home/me/.docker/config.json";

    @TempDir
    Path temp;

    private CredentialHelper fake(Map<String, String> env, Duration timeout) {
        return new CredentialHelper("fake", CONFIGURED, env, timeout);
    }

    @Test
    void found() throws IOException {
        Path bin = temp.resolve("bin");
        answering(bin, "fake", "registry.example.com", "alice", "hunter2");
        Credential credential = fake(env(bin), CredentialHelper.DEFAULT_TIMEOUT).get("registry.example.com");
        assertEquals(
                new Credential(
                        "alice", "hunter2", "docker-credential-fake (credsStore in /home/me/.docker/config.json)"),
                credential);
        assertEquals("registry.example.com\n", asked(bin, "fake"));
    }

    @Test
    void identityTokenKeepsTheTokenUser() throws IOException {
        Path bin = temp.resolve("bin");
        answering(bin, "fake", "myregistry.azurecr.io", "<token>", "refresh-token-value");
        Credential credential = fake(env(bin), CredentialHelper.DEFAULT_TIMEOUT).get("myregistry.azurecr.io");
        assertEquals(Credential.IDENTITY_TOKEN_USER, credential.username());
        assertTrue(credential.isIdentityToken());
        assertEquals("refresh-token-value", credential.secret());
    }

    @Test
    void notFoundIsNull() throws IOException {
        Path bin = temp.resolve("bin");
        answering(bin, "fake", "registry.example.com", "alice", "hunter2");
        assertNull(fake(env(bin), CredentialHelper.DEFAULT_TIMEOUT).get("other.example.com"));
        assertEquals("other.example.com\n", asked(bin, "fake"));
    }

    @Test
    void notFoundOnStandardErrorIsNullToo() throws IOException {
        Path bin = temp.resolve("bin");
        helper(bin, "fake", "echo 'credentials not found in native keychain' >&2; exit 1");
        assertNull(fake(env(bin), CredentialHelper.DEFAULT_TIMEOUT).get("registry.example.com"));
    }

    @Test
    void otherErrorWithExitCode1Fails() {
        Path bin = temp.resolve("bin");
        IOException e = assertThrows(IOException.class, () -> {
            helper(bin, "fake", "echo 'error getting credentials - gpg: decryption failed: No secret key'; exit 1");
            fake(env(bin), CredentialHelper.DEFAULT_TIMEOUT).get("registry.example.com");
        });
        assertTrue(e.getMessage().contains("exit code 1"), e.getMessage());
        assertTrue(e.getMessage().contains("gpg: decryption failed"), e.getMessage());
    }

    @Test
    void crashNamesHelperConfigFileAndStandardError() throws IOException {
        Path bin = temp.resolve("bin");
        helper(bin, "fake", "echo 'panic: keychain locked' >&2; exit 2");
        IOException e = assertThrows(
                IOException.class,
                () -> fake(env(bin), CredentialHelper.DEFAULT_TIMEOUT).get("registry.example.com"));
        assertEquals(
                "docker-credential-fake (credsStore in /home/me/.docker/config.json) failed for"
                        + " registry.example.com with exit code 2; its standard error: panic: keychain locked",
                e.getMessage());
    }

    @Test
    void missingBinaryNamesHelperAndFile() {
        Path bin = temp.resolve("empty-bin");
        IOException e = assertThrows(
                IOException.class,
                () -> new CredentialHelper("nosuch", CONFIGURED, env(bin), CredentialHelper.DEFAULT_TIMEOUT)
                        .get("registry.example.com"));
        assertTrue(
                e.getMessage()
                        .startsWith("docker-credential-nosuch (credsStore in /home/me/.docker/config.json)"
                                + " is not on the PATH"),
                e.getMessage());
    }

    @Test
    void helperIsLookedUpOnTheGivenPathOnly() throws IOException {
        Path bin = temp.resolve("bin");
        answering(bin, "fake", "registry.example.com", "alice", "hunter2");
        // The same helper exists, but not on the PATH of the environment given.
        IOException e = assertThrows(
                IOException.class,
                () -> fake(Map.of("PATH", temp.resolve("elsewhere").toString()), CredentialHelper.DEFAULT_TIMEOUT)
                        .get("registry.example.com"));
        assertTrue(e.getMessage().contains("is not on the PATH"), e.getMessage());
    }

    @Test
    void helperRunsWithTheGivenEnvironment() throws IOException {
        Path bin = temp.resolve("bin");
        helper(bin, "fake", "printf '{\"Username\":\"%s\",\"Secret\":\"%s\"}' \"$HELPER_USER\" \"${HOME-unset}\"");
        Credential credential = fake(env(bin, "HELPER_USER", "from-env"), CredentialHelper.DEFAULT_TIMEOUT)
                .get("registry.example.com");
        assertEquals("from-env", credential.username());
        // Only the environment given: this JVM's HOME is not passed on when the map has none.
        assertEquals("unset", credential.secret());
    }

    @Test
    void pathNamesAreNoHelperNames() {
        IOException e = assertThrows(
                IOException.class,
                () -> new CredentialHelper("../evil", CONFIGURED, env(temp), CredentialHelper.DEFAULT_TIMEOUT)
                        .get("registry.example.com"));
        assertTrue(e.getMessage().contains("is not a credential helper name"), e.getMessage());
    }

    @Test
    void slowHelperIsStoppedAfterTheTimeout() throws Exception {
        Path bin = temp.resolve("bin");
        Path pidFile = temp.resolve("sleep.pid");
        helper(
                bin,
                "fake",
                "echo 'waiting for the keychain' >&2; sleep 20 & echo $! > '" + pidFile + "'; wait; echo '{}'");
        long start = System.nanoTime();
        IOException e = assertThrows(
                IOException.class, () -> fake(env(bin), Duration.ofMillis(500)).get("registry.example.com"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 10_000, "took " + millis + " ms");
        assertTrue(e.getMessage().contains("did not answer for registry.example.com within 500 ms"), e.getMessage());
        assertTrue(e.getMessage().startsWith("docker-credential-fake (credsStore in"), e.getMessage());
        // The program the helper started is stopped too, not left holding its pipes.
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        Optional<ProcessHandle> sleep = ProcessHandle.of(pid);
        for (int i = 0; i < 50 && sleep.map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertFalse(sleep.map(ProcessHandle::isAlive).orElse(false), "the helper's child still runs");
    }

    @Test
    void badJsonFailsWithoutQuotingTheOutput() throws IOException {
        Path bin = temp.resolve("bin");
        helper(bin, "fake", "echo '{\"Username\":\"alice\",\"Secret\":\"hunter2\"'; echo 'a warning' >&2");
        IOException e = assertThrows(
                IOException.class,
                () -> fake(env(bin), CredentialHelper.DEFAULT_TIMEOUT).get("registry.example.com"));
        assertTrue(e.getMessage().contains("not a JSON object"), e.getMessage());
        assertTrue(e.getMessage().contains("a warning"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void answerWithoutSecretFailsWithoutQuotingIt() throws IOException {
        Path bin = temp.resolve("bin");
        helper(bin, "fake", "echo '{\"Username\":\"alice\",\"Password\":\"hunter2\"}'");
        IOException e = assertThrows(
                IOException.class,
                () -> fake(env(bin), CredentialHelper.DEFAULT_TIMEOUT).get("registry.example.com"));
        assertTrue(e.getMessage().contains("without a text Username and a non-empty text Secret"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void credentialToStringHidesTheSecret() throws IOException {
        Path bin = temp.resolve("bin");
        answering(bin, "fake", "registry.example.com", "alice", "hunter2");
        Credential credential = fake(env(bin), CredentialHelper.DEFAULT_TIMEOUT).get("registry.example.com");
        assertTrue(credential.toString().contains("alice"), credential.toString());
        assertFalse(credential.toString().contains("hunter2"), credential.toString());
    }
}
