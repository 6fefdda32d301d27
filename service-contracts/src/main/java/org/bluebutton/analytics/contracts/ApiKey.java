package org.bluebutton.analytics.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An API key {@code <prefix>_<keyId>_<secret>}: a public key id (12 hex characters, safe to log) and
 * a 256-bit random secret (43 base64url characters). Only {@link #secretSha256()} is ever stored;
 * 256 random bits need no slow password hash.
 */
public final class ApiKey {

    /** Prefix of organization keys. */
    public static final String ORGANIZATION_PREFIX = "bbk";
    /** Prefix of staff keys. */
    public static final String STAFF_PREFIX = "bbs";

    private static final Pattern FORMAT = Pattern.compile("(bbk|bbs)_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String prefix;
    private final String keyId;
    private final String secret;

    private ApiKey(String prefix, String keyId, String secret) {
        this.prefix = prefix;
        this.keyId = keyId;
        this.secret = secret;
    }

    /** A new random key with {@code prefix}. */
    public static ApiKey generate(String prefix) {
        byte[] id = new byte[6];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        return new ApiKey(prefix, HexFormat.of().formatHex(id), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The key in {@code text}, or empty when it is not shaped like a key. */
    public static Optional<ApiKey> parse(String text) {
        if (text == null || text.length() > 80) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(text);
        return matcher.matches() ? Optional.of(new ApiKey(matcher.group(1), matcher.group(2), matcher.group(3))) : Optional.empty();
    }

    /** {@code bbk} for organizations, {@code bbs} for staff. */
    public String prefix() {
        return prefix;
    }

    /** The public part, safe to log. */
    public String keyId() {
        return keyId;
    }

    /** Lowercase hex SHA-256 of the secret: what is stored and compared. */
    public String secretSha256() {
        return sha256(secret);
    }

    /** Whether this key's secret hashes to {@code expectedSha256}, compared in constant time. */
    public boolean matches(String expectedSha256) {
        if (expectedSha256 == null) {
            return false;
        }
        return MessageDigest.isEqual(secretSha256().getBytes(StandardCharsets.US_ASCII),
                expectedSha256.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** The whole key, to show once to whoever it was issued to. */
    public String reveal() {
        return prefix + "_" + keyId + "_" + secret;
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return prefix + "_" + keyId + "_***";
    }

    /** Lowercase hex SHA-256 of {@code text} (UTF-8): the form credentials are configured and stored in. */
    public static String sha256(String text) {
        return HexFormat.of().formatHex(sha256Bytes(text));
    }

    /** SHA-256 of {@code text} (UTF-8), to compare secrets in constant time ({@link MessageDigest#isEqual}). */
    public static byte[] sha256Bytes(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
