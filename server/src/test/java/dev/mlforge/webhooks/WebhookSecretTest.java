package dev.mlforge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code webhooks.secret-encryption-key} set, a webhook's secret is not in the database in the clear, and
 * deliveries are still signed with it, after a restart too.
 */
class WebhookSecretTest {
    static final String SECRET = "whsec-7c1d0e5a";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite().withConfig("webhooks.secret-encryption-key", "k3y for tests")
            .withConfig("webhooks.allowed-schemes", "http").withConfig("webhooks.allowed-hosts", "127.0.0.1")
            .withConfig("webhooks.max-attempts", "1");
    Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private String storedSecret(String id) {
        return server.application().database().read(handle -> handle.createQuery("SELECT secret FROM webhooks WHERE webhook_id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

    private void assertSignedWithSecret(Receiver.Received request) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String content = request.headers().get("x-mlflow-delivery-id") + "." + request.headers().get("x-mlflow-timestamp") + "."
                + request.body();
        assertThat(request.headers().get("x-mlflow-signature"))
                .isEqualTo("v1," + Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void the_secret_is_encrypted_at_rest_and_still_signs_deliveries_after_a_restart() throws Exception {
        String id = server.http().post(WebhookApiTest.API, Map.of("name", "sealed", "url", receiver.url("/hook"), "secret", SECRET,
                "events", List.of(WebhookApiTest.event("REGISTERED_MODEL", "CREATED")))).json(200).at("/webhook/webhook_id").asText();
        String stored = storedSecret(id);
        assertThat(stored).startsWith("aesgcm:").doesNotContain(SECRET);

        assertThat(server.http().post(WebhookApiTest.API + "/" + id + "/test", Map.of()).json(200).at("/result/success").asBoolean()).isTrue();
        assertSignedWithSecret(receiver.received.get(0));

        server.restart();
        assertThat(server.http().post(WebhookApiTest.API + "/" + id + "/test", Map.of()).json(200).at("/result/success").asBoolean()).isTrue();
        assertSignedWithSecret(receiver.received.get(1));
        assertThat(storedSecret(id)).isEqualTo(stored);
    }

    @Test
    void a_sealed_secret_cannot_be_opened_with_another_key() {
        String sealed = new SecretCipher("one key").seal(SECRET);
        assertThat(new SecretCipher("one key").open(sealed)).isEqualTo(SECRET);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SecretCipher("another key").open(sealed))
                .hasMessageContaining("cannot be decrypted");
        assertThat(new SecretCipher(null).seal(SECRET)).isEqualTo(SECRET);
    }
}
