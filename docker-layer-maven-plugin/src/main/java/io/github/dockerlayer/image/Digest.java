package io.github.dockerlayer.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest as the OCI image spec writes it: {@code algorithm ":" encoded}, here always sha256.
 *
 * @param algorithm the algorithm, {@code sha256}
 * @param hex the lower-case hex encoding of the hash
 */
public record Digest(String algorithm, String hex) {

    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");

    public Digest {
        if (!"sha256".equals(algorithm) || !SHA256.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a sha256 digest: " + algorithm + ":" + hex);
        }
    }

    /** Parses {@code sha256:<64 hex>}. */
    public static Digest parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a digest (expected sha256:<hex>): " + text);
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    /** The digest of a finished {@link MessageDigest}. */
    public static Digest of(MessageDigest finished) {
        return new Digest("sha256", HexFormat.of().formatHex(finished.digest()));
    }

    /** The sha256 digest of some bytes. */
    public static Digest sha256(byte[] bytes) {
        MessageDigest md = newSha256();
        md.update(bytes);
        return of(md);
    }

    /** A fresh sha256 {@link MessageDigest}; every JDK has one. */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** The first {@code n} hex characters, for logs and derived tags. */
    public String shortHex(int n) {
        return hex.substring(0, n);
    }

    /** {@code algorithm:} and the first 12 hex characters, as logs show digests. */
    public String toShortString() {
        return algorithm + ":" + shortHex(12);
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
