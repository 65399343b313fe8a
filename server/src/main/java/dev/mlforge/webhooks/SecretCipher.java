package dev.mlforge.webhooks;

import dev.mlforge.http.MlforgeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps webhook secrets encrypted at rest, as MLflow does with {@code MLFLOW_WEBHOOK_SECRET_ENCRYPTION_KEY}: with
 * {@code webhooks.secret-encryption-key} set, a secret is stored as {@code aesgcm:} and the base64 of a random 12-byte
 * nonce and its AES-256-GCM ciphertext (the key is the SHA-256 of the configured text). Without a key secrets are stored
 * as given (MLflow would draw a random key per process, which loses every secret at restart). Stored plain secrets stay
 * readable after a key is set.
 */
final class SecretCipher {
    private static final String PREFIX = "aesgcm:";
    private static final int NONCE_BYTES = 12;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretCipher(String keyText) {
        this.key = keyText == null || keyText.isEmpty() ? null : new SecretKeySpec(sha256(keyText), "AES");
    }

    String seal(String secret) {
        if (secret == null || key == null) {
            return secret;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is part of every JDK", e);
        }
    }

    String open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        if (key == null) {
            throw MlforgeException.invalidState("Webhook secrets are encrypted: set webhooks.secret-encryption-key to the key "
                    + "they were stored with");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw MlforgeException.invalidState("A webhook secret cannot be decrypted with webhooks.secret-encryption-key "
                    + "(was it stored with another key?)");
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
