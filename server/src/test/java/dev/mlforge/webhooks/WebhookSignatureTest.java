package dev.mlforge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.PythonJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deliveries are byte-compatible with MLflow's delivery.py: the body is what Python's {@code json.dumps} writes for the
 * same payload, and the signature is what {@code _generate_hmac_signature} computes for the same secret, delivery id,
 * timestamp and body (golden values computed by MLflow 3.11's own code: {@code golden/webhooks/mlflow_signature.json}).
 */
class WebhookSignatureTest {
    static final JsonNode GOLDEN = MlflowWebhookGolden.fixture("mlflow_signature.json");

    @Test
    void the_signature_is_mlflows_for_the_same_secret_id_timestamp_and_body() {
        String id = GOLDEN.get("delivery_id").asText();
        String timestamp = GOLDEN.get("timestamp").asText();
        String body = GOLDEN.get("body").asText();
        assertThat(Signatures.sign(GOLDEN.get("secret").asText(), id, timestamp, body)).isEqualTo(GOLDEN.get("signature").asText());
        assertThat(Signatures.sign(GOLDEN.at("/second_secret/secret").asText(), id, timestamp, body))
                .isEqualTo(GOLDEN.at("/second_secret/signature").asText());
        assertThat(Signatures.sign(GOLDEN.get("secret").asText(), id, timestamp, body + " "))
                .isNotEqualTo(GOLDEN.get("signature").asText());
    }

    @Test
    void the_body_is_written_as_pythons_json_dumps_writes_it() {
        Map<String, Object> tags = new LinkedHashMap<>();
        tags.put("k", "v");
        tags.put("ünï", "☃ \"q\" \\ \n\t\u0001\u007f 😀");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "wine");
        data.put("version", "1");
        data.put("source", "models:/m-0123456789abcdef0123456789abcdef");
        data.put("run_id", null);
        data.put("tags", tags);
        data.put("description", null);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("entity", "model_version");
        payload.put("action", "created");
        payload.put("timestamp", WebhookSender.isoformat(Instant.parse("2026-12-03T22:40:00.123456789Z")));
        payload.put("data", data);
        assertThat(PythonJson.write(payload)).isEqualTo(GOLDEN.get("body").asText());
    }

    @Test
    void the_test_routes_example_payloads_are_mlflows_byte_for_byte() {
        JsonNode examples = MlflowWebhookGolden.fixture("mlflow_example_payloads.json").get("examples");
        assertThat(examples).hasSize(EventType.Entity.values().length + 5); // five entities have two actions
        examples.fields().forEachRemaining(example -> {
            String[] event = example.getKey().split("\\.");
            EventType type = EventType.of(event[0], event[1]);
            assertThat(PythonJson.write(Payloads.example(type).data())).as(example.getKey()).isEqualTo(example.getValue().asText());
        });
    }

    @Test
    void timestamps_are_written_as_pythons_isoformat_of_a_utc_time() {
        assertThat(WebhookSender.isoformat(Instant.parse("2026-12-03T22:40:00Z"))).isEqualTo("2026-12-03T22:40:00+00:00");
        assertThat(WebhookSender.isoformat(Instant.parse("2026-12-03T22:40:00.000500Z"))).isEqualTo("2026-12-03T22:40:00.000500+00:00");
    }
}
