package dev.mlforge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.store.WorkspaceContext;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
 * Registry changes reach a real receiver on loopback (let through by {@code webhooks.allowed-hosts}) with MLflow's
 * payloads and headers, signed as a Standard Webhooks receiver verifies; failures are retried and logged.
 */
class WebhookDeliveryTest {
    static final String API = WebhookApiTest.API;
    static final String REGISTRY = LoggedModels.API;

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite()
            .withConfig("webhooks.allowed-schemes", "http,https").withConfig("webhooks.allowed-hosts", "127.0.0.1")
            .withConfig("webhooks.max-attempts", "3").withConfig("webhooks.initial-backoff-ms", "20")
            .withConfig("webhooks.timeout-ms", "5000");
    Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private TestHttp http() {
        return server.http();
    }

    private String webhook(String path, String secret, String status, List<Map<String, Object>> events) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "hook", "url", receiver.url(path), "events", events,
                "status", status));
        if (secret != null) {
            body.put("secret", secret);
        }
        return http().post(API, body).json(200).at("/webhook/webhook_id").asText();
    }

    private static Map<String, Object> event(String entity, String action) {
        return WebhookApiTest.event(entity, action);
    }

    private static Map<String, String> tag(String key, String value) {
        return Map.of("key", key, "value", value);
    }

    /** A body with its timestamp replaced by {@code <ts>}, after checking the timestamp is Python's isoformat. */
    private static String withoutTimestamp(String body) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"timestamp\": \"([^\"]+)\"").matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        assertThat(matcher.group(1)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?\\+00:00");
        return matcher.replaceFirst("\"timestamp\": \"<ts>\"");
    }

    private static String hmac(String secret, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void registry_changes_arrive_signed_with_mlflows_payloads_and_headers() throws Exception {
        webhook("/hook", "s3cret", "ACTIVE", List.of(event("REGISTERED_MODEL", "CREATED"), event("MODEL_VERSION", "CREATED"),
                event("MODEL_VERSION_TAG", "SET"), event("MODEL_VERSION_TAG", "DELETED"),
                event("MODEL_VERSION_ALIAS", "CREATED"), event("MODEL_VERSION_ALIAS", "DELETED")));
        long before = Instant.now().getEpochSecond();
        http().post(REGISTRY + "registered-models/create", Map.of("name", "wine", "tags", List.of(tag("team", "a")),
                "description", "d")).ok();
        http().post(REGISTRY + "model-versions/create", Map.of("name", "wine", "source", "s3://bucket/model",
                "tags", List.of(tag("k", "v")), "description", "v1")).ok();
        http().post(REGISTRY + "model-versions/set-tag", Map.of("name", "wine", "version", "1", "key", "stage", "value", "ok")).ok();
        http().delete(REGISTRY + "model-versions/delete-tag", Map.of("name", "wine", "version", "1", "key", "stage")).ok();
        http().post(REGISTRY + "registered-models/alias", Map.of("name", "wine", "alias", "champion", "version", "1")).ok();
        http().delete(REGISTRY + "registered-models/alias", Map.of("name", "wine", "alias", "champion")).ok();
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() == 6);

        for (Receiver.Received request : receiver.received) {
            String id = request.headers().get("x-mlflow-delivery-id");
            String timestamp = request.headers().get("x-mlflow-timestamp");
            assertThat(request.headers().get("content-type")).isEqualTo("application/json");
            assertThat(id).matches("[0-9a-f-]{36}");
            assertThat(Long.parseLong(timestamp)).isBetween(before - 1, Instant.now().getEpochSecond() + 1);
            assertThat(request.headers().get("x-mlflow-signature")).isEqualTo(hmac("s3cret", id + "." + timestamp + "." + request.body()));
        }
        assertThat(receiver.received.stream().map(request -> withoutTimestamp(request.body()))).containsExactlyInAnyOrder(
                "{\"entity\": \"registered_model\", \"action\": \"created\", \"timestamp\": \"<ts>\", \"data\": "
                        + "{\"name\": \"wine\", \"tags\": {\"team\": \"a\"}, \"description\": \"d\"}}",
                "{\"entity\": \"model_version\", \"action\": \"created\", \"timestamp\": \"<ts>\", \"data\": {\"name\": \"wine\", "
                        + "\"version\": \"1\", \"source\": \"s3://bucket/model\", \"run_id\": null, \"tags\": {\"k\": \"v\"}, "
                        + "\"description\": \"v1\"}}",
                "{\"entity\": \"model_version_tag\", \"action\": \"set\", \"timestamp\": \"<ts>\", \"data\": {\"name\": \"wine\", "
                        + "\"version\": \"1\", \"key\": \"stage\", \"value\": \"ok\"}}",
                "{\"entity\": \"model_version_tag\", \"action\": \"deleted\", \"timestamp\": \"<ts>\", \"data\": {\"name\": \"wine\", "
                        + "\"version\": \"1\", \"key\": \"stage\"}}",
                "{\"entity\": \"model_version_alias\", \"action\": \"created\", \"timestamp\": \"<ts>\", \"data\": "
                        + "{\"name\": \"wine\", \"alias\": \"champion\", \"version\": \"1\"}}",
                "{\"entity\": \"model_version_alias\", \"action\": \"deleted\", \"timestamp\": \"<ts>\", \"data\": "
                        + "{\"name\": \"wine\", \"alias\": \"champion\"}}");
    }

    @Test
    void a_500_is_retried_with_the_same_delivery_and_the_log_shows_both_attempts() {
        String id = webhook("/hook", null, "ACTIVE", List.of(event("REGISTERED_MODEL", "CREATED")));
        receiver.answering(500);
        http().post(REGISTRY + "registered-models/create", Map.of("name", "wine")).ok();
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() == 2);
        Receiver.Received first = receiver.received.get(0);
        Receiver.Received second = receiver.received.get(1);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().get("x-mlflow-delivery-id")).isEqualTo(first.headers().get("x-mlflow-delivery-id"));
        assertThat(first.headers()).doesNotContainKey("x-mlflow-signature");

        await().atMost(Duration.ofSeconds(5)).until(() -> http().get("/api/v1/webhooks/" + id + "/deliveries").json(200)
                .path("deliveries").size() == 2);
        JsonNode log = http().get("/api/v1/webhooks/" + id + "/deliveries").json(200).get("deliveries");
        assertThat(log.get(0).get("attempt").asInt()).isEqualTo(2);
        assertThat(log.get(0).get("success").asBoolean()).isTrue();
        assertThat(log.get(0).get("response_status").asInt()).isEqualTo(200);
        assertThat(log.get(1).get("attempt").asInt()).isEqualTo(1);
        assertThat(log.get(1).get("success").asBoolean()).isFalse();
        assertThat(log.get(1).get("response_status").asInt()).isEqualTo(500);
        assertThat(log.get(1).get("error_message").asText()).isEqualTo("HTTP 500");
        assertThat(log.findValuesAsText("delivery_id")).containsOnly(first.headers().get("x-mlflow-delivery-id"));
        assertThat(log.get(0).get("event").toString()).isEqualTo("{\"entity\":\"REGISTERED_MODEL\",\"action\":\"CREATED\"}");
    }

    @Test
    void a_connection_error_is_retried_up_to_the_configured_attempts_then_given_up() throws Exception {
        Receiver closed = new Receiver();
        String url = closed.url("/hook");
        closed.close();
        String id = http().post(API, Map.of("name", "dead", "url", url, "events", List.of(event("REGISTERED_MODEL", "CREATED"))))
                .json(200).at("/webhook/webhook_id").asText();
        http().post(REGISTRY + "registered-models/create", Map.of("name", "wine")).ok();
        await().atMost(Duration.ofSeconds(10)).until(() -> http().get("/api/v1/webhooks/" + id + "/deliveries").json(200)
                .path("deliveries").size() == 3);
        JsonNode log = http().get("/api/v1/webhooks/" + id + "/deliveries").json(200).get("deliveries");
        assertThat(log.findValuesAsText("success")).containsOnly("false");
        assertThat(log.get(0).has("response_status")).isFalse();
        assertThat(log.get(0).get("error_message").asText()).startsWith("ConnectException");
    }

    @Test
    void disabled_webhooks_and_unsubscribed_events_are_not_called() {
        webhook("/disabled", null, "DISABLED", List.of(event("REGISTERED_MODEL", "CREATED")));
        webhook("/versions", null, "ACTIVE", List.of(event("MODEL_VERSION", "CREATED")));
        http().post(REGISTRY + "registered-models/create", Map.of("name", "wine")).ok();
        http().post(REGISTRY + "model-versions/create", Map.of("name", "wine", "source", "s3://bucket/model")).ok();
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() >= 1);
        // the bus delivers in order: once the version's notice arrived, the model's had its chance
        assertThat(receiver.received).extracting(Receiver.Received::path).containsExactly("/versions");
    }

    @Test
    void prompts_are_announced_as_prompt_events_without_their_internal_tags() {
        webhook("/hook", null, "ACTIVE", List.of(event("REGISTERED_MODEL", "CREATED"), event("PROMPT", "CREATED"),
                event("PROMPT_VERSION", "CREATED"), event("PROMPT_ALIAS", "CREATED"), event("MODEL_VERSION_ALIAS", "CREATED")));
        // what mlflow.genai.register_prompt and set_prompt_alias send
        http().post(REGISTRY + "registered-models/create", Map.of("name", "greet", "tags",
                List.of(tag("mlflow.prompt.is_prompt", "true")))).ok();
        http().post(REGISTRY + "model-versions/create", Map.of("name", "greet", "source", "dummy-source", "tags", List.of(
                tag("mlflow.prompt.is_prompt", "true"), tag("_mlflow_prompt_type", "text"),
                tag("mlflow.prompt.text", "Hello {{name}}"), tag("author", "ann")))).ok();
        http().post(REGISTRY + "registered-models/alias", Map.of("name", "greet", "alias", "prod", "version", "1")).ok();
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() == 3);
        assertThat(receiver.received.stream().map(request -> withoutTimestamp(request.body()))).containsExactlyInAnyOrder(
                "{\"entity\": \"prompt\", \"action\": \"created\", \"timestamp\": \"<ts>\", \"data\": "
                        + "{\"name\": \"greet\", \"tags\": {}, \"description\": \"\"}}",
                "{\"entity\": \"prompt_version\", \"action\": \"created\", \"timestamp\": \"<ts>\", \"data\": {\"name\": \"greet\", "
                        + "\"version\": \"1\", \"template\": \"Hello {{name}}\", \"tags\": {\"author\": \"ann\"}, \"description\": null}}",
                "{\"entity\": \"prompt_alias\", \"action\": \"created\", \"timestamp\": \"<ts>\", \"data\": "
                        + "{\"name\": \"greet\", \"alias\": \"prod\", \"version\": \"1\"}}");
    }

    @Test
    void the_test_route_sends_mlflows_example_payload_and_answers_the_receivers_reply() {
        String id = webhook("/hook", "k", "DISABLED", List.of(event("MODEL_VERSION_ALIAS", "DELETED"), event("MODEL_VERSION", "CREATED")));
        JsonNode result = http().post(API + "/" + id + "/test", Map.of()).json(200).get("result");
        assertThat(result.toString()).isEqualTo("{\"success\":true,\"response_status\":200,\"response_body\":\"{\\\"received\\\": 1}\"}");
        assertThat(withoutTimestamp(receiver.received.get(0).body())).isEqualTo("{\"entity\": \"model_version\", \"action\": "
                + "\"created\", \"timestamp\": \"<ts>\", \"data\": {\"name\": \"example_model\", \"version\": \"1\", \"source\": "
                + "\"models:/123\", \"run_id\": \"abcd1234abcd5678\", \"tags\": {\"example_key\": \"example_value\"}, "
                + "\"description\": \"An example model version\"}}");

        http().post(API + "/" + id + "/test", Map.of("event", event("MODEL_VERSION_ALIAS", "DELETED"))).json(200);
        assertThat(withoutTimestamp(receiver.received.get(1).body())).isEqualTo("{\"entity\": \"model_version_alias\", "
                + "\"action\": \"deleted\", \"timestamp\": \"<ts>\", \"data\": {\"name\": \"example_model\", \"alias\": \"example_alias\"}}");

        receiver.answering(500, 503, 502);
        JsonNode failed = http().post(API + "/" + id + "/test", Map.of()).json(200).get("result");
        assertThat(failed.get("success").asBoolean()).isFalse();
        assertThat(failed.get("response_status").asInt()).isEqualTo(502);
        assertThat(receiver.received).hasSize(5);
        JsonNode log = http().get("/api/v1/webhooks/" + id + "/deliveries?max_results=3").json(200);
        assertThat(log.get("deliveries").findValuesAsText("test")).containsOnly("true");
        assertThat(log.has("next_page_token")).isTrue();
    }

    @Test
    void a_test_that_reaches_nobody_answers_the_error() throws Exception {
        Receiver closed = new Receiver();
        String url = closed.url("/hook");
        closed.close();
        String id = http().post(API, Map.of("name", "dead", "url", url, "events", List.of(event("REGISTERED_MODEL", "CREATED"))))
                .json(200).at("/webhook/webhook_id").asText();
        JsonNode result = http().post(API + "/" + id + "/test", Map.of()).json(200).get("result");
        assertThat(result.get("success").asBoolean()).isFalse();
        assertThat(result.has("response_status")).isFalse();
        assertThat(result.get("error_message").asText()).startsWith("Failed to test webhook: ConnectException");
    }

    @Test
    void the_delivery_log_of_an_unknown_webhook_is_not_found() {
        TestHttp.Response answer = http().get("/api/v1/webhooks/nope/deliveries");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }

    /**
     * A webhook receives the registry events of its own workspace only: a webhook of {@code team-a} and one of
     * {@code team-b}, subscribed to the same events, each get their workspace's model and version and nothing of the
     * other's, with payloads read in that workspace.
     */
    @Test
    void each_webhook_gets_its_workspaces_events_only() {
        for (String workspace : List.of("team-a", "team-b")) {
            http().post("/api/3.0/mlflow/workspaces", Map.of("name", workspace)).json(201);
            in(workspace, API, Map.of("name", "hook", "url", receiver.url("/" + workspace), "events",
                    List.of(event("REGISTERED_MODEL", "CREATED"), event("MODEL_VERSION", "CREATED"))));
        }
        in("team-b", REGISTRY + "registered-models/create", Map.of("name", "wine"));
        in("team-b", REGISTRY + "model-versions/create", Map.of("name", "wine", "source", "s3://b/m"));
        in("team-a", REGISTRY + "registered-models/create", Map.of("name", "beer"));
        // one bus thread delivers in order: once team-a's last event arrived, every earlier one has been dispatched
        in("team-a", REGISTRY + "registered-models/create", Map.of("name", "last"));
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.stream()
                .anyMatch(request -> request.body().contains("\"last\"")));

        assertThat(bodiesAt("/team-b")).hasSize(2).allMatch(body -> body.contains("\"name\": \"wine\""));
        assertThat(bodiesAt("/team-a")).hasSize(2).noneMatch(body -> body.contains("wine"));
    }

    private void in(String workspace, String path, Map<String, Object> body) {
        http().send("POST", path, "application/json", body, WorkspaceContext.HEADER, workspace).ok();
    }

    private List<String> bodiesAt(String path) {
        return receiver.received.stream().filter(request -> request.path().equals(path)).map(Receiver.Received::body).toList();
    }
}
