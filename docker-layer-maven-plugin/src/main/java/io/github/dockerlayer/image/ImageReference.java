package io.github.dockerlayer.image;

import java.util.regex.Pattern;

/**
 * An image reference, {@code [registry/]repository[:tag][@digest]}, checked against the grammar of the distribution
 * project's reference package (the one {@code docker} itself uses).
 *
 * @param registry the registry host with optional port, or null when the reference names none
 * @param repository the repository path, lower case, e.g. {@code team/app}
 * @param tag the tag, or null
 * @param digest the digest, or null
 */
public record ImageReference(String registry, String repository, String tag, Digest digest) {

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\\.(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?))*"
                    + "(?::[0-9]+)?|\\[[0-9A-Fa-f:]+\\](?::[0-9]+)?");

    /** What a valid tag looks like, for error messages. */
    public static final String TAG_RULE =
            "a tag is 1 to 128 characters of letters, digits, '_', '.' and '-', and does not start with '.' or '-'";

    /** What a valid repository looks like, for error messages. */
    public static final String REPOSITORY_RULE = "a repository is lower-case path components of letters and digits"
            + " joined by '.', '_', '__' or '-', separated by '/', optionally after a registry host[:port]/";

    /**
     * Parses a reference.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the image reference is empty");
        }
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            try {
                digest = Digest.parse(rest.substring(at + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' has an invalid digest after '@'");
            }
            rest = rest.substring(0, at);
        }
        String tag = null;
        int lastSlash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > lastSlash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!isValidTag(tag)) {
                throw new IllegalArgumentException("'" + text + "' has an invalid tag '" + tag + "': " + TAG_RULE);
            }
        }
        String registry = null;
        int firstSlash = rest.indexOf('/');
        if (firstSlash > 0) {
            String first = rest.substring(0, firstSlash);
            if (first.contains(".")
                    || first.contains(":")
                    || first.equals("localhost")
                    || !first.equals(first.toLowerCase())) {
                if (!DOMAIN.matcher(first).matches()) {
                    throw new IllegalArgumentException("'" + text + "' has an invalid registry host '" + first + "'");
                }
                registry = first;
                rest = rest.substring(firstSlash + 1);
            }
        }
        checkRepository(text, rest);
        return new ImageReference(registry, rest, tag, digest);
    }

    private static void checkRepository(String text, String path) {
        if (path.isEmpty() || path.length() > 255) {
            throw new IllegalArgumentException(
                    "'" + text + "' has an empty or too long repository: " + REPOSITORY_RULE);
        }
        for (String component : path.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                String hint = component.equals(component.toLowerCase()) ? "" : " (it has upper-case letters)";
                throw new IllegalArgumentException(
                        "'" + text + "' is not a valid repository" + hint + ": " + REPOSITORY_RULE);
            }
        }
    }

    /** Whether {@code tag} is a valid tag. */
    public static boolean isValidTag(String tag) {
        return tag != null && TAG.matcher(tag).matches();
    }

    /** Docker Hub, as a reference without a registry host means it. */
    public static final String DOCKER_HUB = "docker.io";

    /** The registry host to talk to: the one written, else Docker Hub. */
    public String registryHost() {
        return registry == null ? DOCKER_HUB : registry;
    }

    /**
     * The repository as the registry's API names it: Docker Hub's official images live under {@code library/}, so
     * {@code eclipse-temurin} is {@code library/eclipse-temurin} there.
     */
    public String remoteRepository() {
        boolean hub = registry == null || registry.equals(DOCKER_HUB) || registry.equals("index.docker.io");
        return hub && !repository.contains("/") ? "library/" + repository : repository;
    }

    /** The tag or digest to ask the registry for: the digest when there is one, else the tag, else {@code latest}. */
    public String remoteReference() {
        return digest != null ? digest.toString() : tag != null ? tag : "latest";
    }

    /** The repository with its registry, without tag or digest. */
    public String name() {
        return registry == null ? repository : registry + "/" + repository;
    }

    /** This reference with another tag. */
    public ImageReference withTag(String newTag) {
        return new ImageReference(registry, repository, newTag, null);
    }

    @Override
    public String toString() {
        return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
