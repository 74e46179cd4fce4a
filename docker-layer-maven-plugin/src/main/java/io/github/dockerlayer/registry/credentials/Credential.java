package io.github.dockerlayer.registry.credentials;

/**
 * A registry login and where it was found. {@link #toString()} never shows the secret.
 *
 * @param username the user name; {@code <token>} when {@code secret} is an identity (refresh) token, as Docker's
 *     credential helpers return it
 * @param secret the password or identity token
 * @param source where it came from, for the log and error messages, e.g. {@code settings.xml server 'localhost:5000'}
 *     or {@code /root/.docker/config.json (credHelpers: ecr-login)}
 */
public record Credential(String username, String secret, String source) {
    /** Docker's user name for an identity token. */
    public static final String IDENTITY_TOKEN_USER = "<token>";

    public boolean isIdentityToken() {
        return IDENTITY_TOKEN_USER.equals(username);
    }

    @Override
    public String toString() {
        return "Credential[" + username + " from " + source + "]";
    }
}
