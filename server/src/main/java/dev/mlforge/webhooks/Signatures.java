package dev.mlforge.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * MLflow's webhook signature (mlflow/webhooks/delivery.py {@code _generate_hmac_signature}, the Standard Webhooks
 * scheme): {@code v1,} and the base64 HMAC-SHA256, keyed with the secret, of {@code <delivery id>.<unix seconds>.<body>}.
 */
final class Signatures {
    static final String VERSION = "v1";

    private Signatures() {}

    static String sign(String secret, String deliveryId, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((deliveryId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return VERSION + "," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
