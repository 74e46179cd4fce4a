package io.github.dockerlayer.image;

/**
 * The platform an image runs on, as in an image index entry and the config's {@code architecture}/{@code os}.
 *
 * @param architecture GOARCH spelling, e.g. {@code amd64}, {@code arm64}
 * @param os GOOS spelling, e.g. {@code linux}
 * @param variant CPU variant, e.g. {@code v8}, or null
 */
public record Platform(String architecture, String os, String variant) {

    /** What a scratch image claims: Java's bytecode runs anywhere, the runtime image underneath decides. */
    public static final Platform LINUX_AMD64 = new Platform("amd64", "linux", null);

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
