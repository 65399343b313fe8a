package dev.mlforge.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.testing.ApplicationExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The 5xx probe against the monitoring create routes: a JSON {@code null}, a body that is not an object, and missing or
 * mistyped required fields each answer 400 with a message naming what is wrong, never a 500.
 */
class MonitoringBadInputTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void bodies_that_are_not_json_objects_are_bad_requests_on_both_routes() throws Exception {
        for (String route : new String[] {"/api/v1/monitors", "/api/v1/alert-rules"}) {
            for (String body : new String[] {"null", "[]", "\"text\"", "5", "true", "{", "[null]"}) {
                JsonNode error = error(post(route, body), route + " " + body);
                assertThat(error.path("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
                assertThat(error.path("message").asText()).as(route + " " + body).isNotBlank()
                        .doesNotContain("dev.mlforge").doesNotContain("jackson");
            }
            assertThat(error(post(route, "null"), route).path("message").asText()).contains("must be a JSON object");
        }
    }

    @Test
    void missing_monitor_fields_are_named() throws Exception {
        Map<String, String> cases = Map.of(
                "{}", "'deployment'",
                "{\"deployment\": null}", "'deployment'",
                "{\"deployment\": \"churn\"}", "'reference'",
                "{\"deployment\": \"churn\", \"reference\": null}", "'reference'",
                "{\"deployment\": \"churn\", \"reference\": {\"run_id\": \"r1\", \"artifact_path\": \"a.csv\"}}", "'window'",
                "{\"deployment\": \"churn\", \"reference\": {\"run_id\": \"r1\", \"artifact_path\": \"a.csv\"}, \"window\": null}", "'window'",
                "{\"deployment\": \"churn\", \"reference\": {\"run_id\": \"r1\"}, \"window\": {\"last_n\": 5}}", "artifact_path",
                "{\"deployment\": \"churn\", \"reference\": {\"run_id\": \"r1\", \"artifact_path\": \"a.csv\"}, \"window\": {}}", "last_n",
                "{\"deployment\": \"churn\", \"reference\": {\"run_id\": \"r1\", \"artifact_path\": \"a.csv\"}, \"window\": {\"last_n\": 5},"
                        + " \"column_overrides\": {\"x\": null}}", "'x'",
                "{\"deployment\": [1], \"reference\": null}", "'deployment'");
        for (Map.Entry<String, String> probe : cases.entrySet()) {
            JsonNode error = error(post("/api/v1/monitors", probe.getKey()), probe.getKey());
            assertThat(error.path("message").asText()).as(probe.getKey()).contains(probe.getValue());
        }
        assertThat(Json.mapper().readTree(get("/api/v1/monitors").body()).path("monitors")).isEmpty();
    }

    @Test
    void missing_alert_rule_fields_are_named() throws Exception {
        Map<String, String> cases = Map.of(
                "{}", "'metric'",
                "{\"metric\": null, \"comparator\": \">\", \"threshold\": 1}", "'metric'",
                "{\"metric\": \"accuracy\"}", "'comparator'",
                "{\"metric\": \"accuracy\", \"comparator\": \"<\"}", "'threshold'",
                "{\"metric\": \"accuracy\", \"comparator\": \"<\", \"threshold\": null}", "'threshold'",
                "{\"metric\": \"accuracy\", \"comparator\": \"<\", \"threshold\": [1]}", "'threshold'",
                "{\"metric\": \"accuracy\", \"comparator\": \"<\", \"threshold\": 1, \"for_windows\": \"x\"}", "'for_windows'");
        for (Map.Entry<String, String> probe : cases.entrySet()) {
            JsonNode error = error(post("/api/v1/alert-rules", probe.getKey()), probe.getKey());
            assertThat(error.path("message").asText()).as(probe.getKey()).contains(probe.getValue());
        }
        assertThat(Json.mapper().readTree(get("/api/v1/alert-rules").body()).path("alert_rules")).isEmpty();
    }

    private static JsonNode error(HttpResponse<String> response, String probe) throws Exception {
        assertThat(response.statusCode()).as(probe + " -> " + response.body()).isEqualTo(400);
        return Json.mapper().readTree(response.body());
    }
}
