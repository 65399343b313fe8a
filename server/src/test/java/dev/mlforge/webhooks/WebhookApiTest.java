package dev.mlforge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The webhook API over HTTP: MLflow's JSON, validation messages and error codes; the secret never comes back. */
class WebhookApiTest {
    static final String API = "/api/2.0/mlflow/webhooks";
    static final String URL = "https://hooks.example.com/mlflow";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite()
            .withConfig("webhooks.allowed-hosts", "hooks.example.com"); // no DNS lookup of the example host

    private TestHttp http() {
        return server.http();
    }

    static Map<String, Object> event(String entity, String action) {
        return Map.of("entity", entity, "action", action);
    }

    private JsonNode create(String name, String secret) {
        return http().post(API, Map.of("name", name, "url", URL, "secret", secret, "description", "d",
                "events", List.of(event("MODEL_VERSION_TAG", "SET"), event("MODEL_VERSION", "CREATED"),
                        event("MODEL_VERSION_TAG", "DELETED")))).json(200).get("webhook");
    }

    @Test
    void a_created_webhook_is_answered_in_mlflow_form_with_its_events_ordered_and_no_secret() {
        JsonNode webhook = create("release-hook", "s3cret-value");
        assertThat(webhook.get("webhook_id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(webhook.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(webhook.get("creation_timestamp").isIntegralNumber()).isTrue();
        assertThat(webhook.get("last_updated_timestamp").asLong()).isEqualTo(webhook.get("creation_timestamp").asLong());
        assertThat(webhook.get("events").toString()).isEqualTo("[{\"entity\":\"MODEL_VERSION\",\"action\":\"CREATED\"},"
                + "{\"entity\":\"MODEL_VERSION_TAG\",\"action\":\"DELETED\"},{\"entity\":\"MODEL_VERSION_TAG\",\"action\":\"SET\"}]");
        assertThat(webhook.has("secret")).isFalse();
    }

    @Test
    void the_secret_is_in_no_answer_of_any_webhook_route() {
        String id = create("signed", "s3cret-value").get("webhook_id").asText();
        List<TestHttp.Response> answers = List.of(
                http().get(API), http().get(API + "/" + id), http().get(API + "?max_results=1"),
                http().patch(API + "/" + id, Map.of("secret", "other-s3cret", "description", "new")),
                http().get(API + "/" + id), http().delete(API + "/" + id));
        for (TestHttp.Response answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).doesNotContain("s3cret").doesNotContain("\"secret\"");
        }
    }

    @Test
    void update_replaces_the_fields_given_and_keeps_the_others() {
        String id = create("hook-a", "k").get("webhook_id").asText();
        JsonNode updated = http().patch(API + "/" + id, Map.of("status", "DISABLED", "name", "hook.b",
                "events", List.of(event("MODEL_VERSION_ALIAS", "CREATED")))).json(200).get("webhook");
        assertThat(updated.get("name").asText()).isEqualTo("hook.b");
        assertThat(updated.get("status").asText()).isEqualTo("DISABLED");
        assertThat(updated.get("description").asText()).isEqualTo("d");
        assertThat(updated.get("url").asText()).isEqualTo(URL);
        assertThat(updated.get("events").toString()).isEqualTo("[{\"entity\":\"MODEL_VERSION_ALIAS\",\"action\":\"CREATED\"}]");
        assertThat(http().get(API + "/" + id).json(200).get("webhook")).isEqualTo(updated);
    }

    @Test
    void list_pages_newest_first_with_page_tokens_and_a_zero_page_size_means_a_hundred() {
        for (int i = 0; i < 3; i++) {
            create("hook-" + i, "k");
        }
        JsonNode first = http().get(API + "?max_results=2").json(200);
        assertThat(first.get("webhooks").findValuesAsText("name")).containsExactly("hook-2", "hook-1");
        JsonNode second = http().get(API + "?max_results=2&page_token=" + first.get("next_page_token").asText()).json(200);
        assertThat(second.get("webhooks").findValuesAsText("name")).containsExactly("hook-0");
        assertThat(second.has("next_page_token")).isFalse();
        assertThat(http().get(API + "?max_results=0").json(200).get("webhooks")).hasSize(3);
    }

    @Test
    void an_empty_list_is_an_empty_object_as_mlflow_answers() {
        assertThat(http().get(API).body()).isEqualTo("{}");
    }

    @Test
    void a_deleted_webhook_is_gone_for_every_route() {
        String id = create("gone", "k").get("webhook_id").asText();
        http().delete(API + "/" + id).json(200);
        for (TestHttp.Response answer : List.of(http().get(API + "/" + id), http().delete(API + "/" + id),
                http().patch(API + "/" + id, Map.of("name", "x")))) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
            assertThat(answer.json().get("message").asText()).isEqualTo("Webhook with ID " + id + " not found.");
        }
        assertThat(http().get(API).body()).isEqualTo("{}");
    }

    @Test
    void invalid_webhooks_are_refused_with_mlflow_messages() {
        Map<Map<String, Object>, String> refused = Map.of(
                Map.of("name", "-bad", "url", URL, "events", List.of(event("REGISTERED_MODEL", "CREATED"))),
                "Webhook name '-bad' is invalid. It must start and end with a letter or digit, be less than 63 characters "
                        + "long, and contain only letters, digits, dots (.), underscores (_), and hyphens (-).",
                Map.of("name", "a", "url", "http://hooks.example.com/", "events", List.of(event("REGISTERED_MODEL", "CREATED"))),
                "Invalid webhook URL scheme: 'http'. Allowed schemes are: https.",
                Map.of("name", "a", "url", "https:///x", "events", List.of(event("REGISTERED_MODEL", "CREATED"))),
                "Webhook URL must include a hostname: 'https:///x'",
                Map.of("name", "a", "url", URL, "events", List.of(event("REGISTERED_MODEL", "DELETED"))),
                "Invalid action 'deleted' for entity 'registered_model'. Valid actions are: ['created']",
                Map.of("name", "a", "url", URL, "events", List.of(event("MODEL_VERSION_TAG", "CREATED"))),
                "Invalid action 'created' for entity 'model_version_tag'. Valid actions are: ['deleted', 'set']",
                Map.of("name", "a", "url", URL, "events", List.of()),
                "Webhook events must be a non-empty list of WebhookEvent objects: [].",
                Map.of("url", URL, "events", List.of(event("REGISTERED_MODEL", "CREATED"))),
                "Missing value for required parameter 'name'. See the API docs for more information about request parameters.",
                Map.of("name", "a", "url", URL, "events", List.of(event("BOGUS", "CREATED"))),
                "Invalid webhook event entity 'BOGUS'. Valid values are: REGISTERED_MODEL, MODEL_VERSION, MODEL_VERSION_TAG, "
                        + "MODEL_VERSION_ALIAS, PROMPT, PROMPT_VERSION, PROMPT_TAG, PROMPT_VERSION_TAG, PROMPT_ALIAS, BUDGET_POLICY",
                Map.of("name", "a", "url", URL, "events", List.of(event("REGISTERED_MODEL", "CREATED")), "status", "PAUSED"),
                "Invalid webhook status 'PAUSED'. Valid values are: ACTIVE, DISABLED");
        refused.forEach((body, message) -> {
            TestHttp.Response answer = http().post(API, body);
            assertThat(answer.status()).as(body.toString()).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(answer.json().get("message").asText()).isEqualTo(message);
        });
        assertThat(http().get(API).body()).isEqualTo("{}");
    }

    @Test
    void page_sizes_outside_one_to_a_thousand_are_refused() {
        TestHttp.Response answer = http().get(API + "?max_results=1001");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("message").asText()).isEqualTo("max_results must be between 1 and 1000.");
    }
}
