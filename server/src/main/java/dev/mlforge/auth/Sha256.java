package dev.mlforge.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of credentials, as the store keeps API tokens and sessions and as the caches of checked credentials key them.
 * Every authenticated request hashes its credential once: each thread keeps its own digest instead of asking the
 * security providers for a new one per call (the provider lookup cost as much as the hash of a short secret).
 */
final class Sha256 {
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    private Sha256() {}

    static byte[] of(String text) {
        // digest() resets the instance, so a thread's next call starts clean even after an exception mid-way
        return DIGEST.get().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex, the form API tokens' hashes are stored in. */
    static String hex(String text) {
        return HexFormat.of().formatHex(of(text));
    }
}
