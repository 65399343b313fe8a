package dev.mlforge.monitoring.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.monitoring.testing.MonitoringServer;
import dev.mlforge.monitoring.testing.SyntheticData;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertRoutesTest {
    @TempDir
    Path dir;
    MonitoringServer server;

    @BeforeEach
    void start() {
        server = new MonitoringServer(dir);
        server.writeArtifact("runs/abc123/reference/train.csv", SyntheticData.referenceCsv(300, 11));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void a_monitor_run_fires_a_rule_and_the_alert_and_its_deliveries_are_listed() throws Exception {
        JsonNode rule = json(server.post("/api/v1/alert-rules", """
                {"name": "column x drifted", "metric": "column_drift:x", "comparator": ">=", "threshold": 1,
                 "deployment": "churn"}"""), 200).get("alert_rule");
        String monitor = json(server.post("/api/v1/monitors", """
                {"deployment": "churn", "reference": {"run_id": "abc123", "artifact_path": "reference/train.csv"},
                 "window": {"span_seconds": 3600}}"""), 200).get("monitor").get("id").asText();
        SyntheticData.addPredictions(server.predictions, "churn", "3", 150, 2.0, 12);

        json(server.post("/api/v1/monitors/" + monitor + "/run", ""), 200);

        JsonNode alerts = json(server.get("/api/v1/alerts?state=firing"), 200).get("alerts");
        assertThat(alerts).hasSize(1);
        JsonNode alert = alerts.get(0);
        assertThat(alert.get("rule_id").asText()).isEqualTo(rule.get("id").asText());
        assertThat(alert.get("rule_name").asText()).isEqualTo("column x drifted");
        assertThat(alert.get("deployment").asText()).isEqualTo("churn");
        assertThat(alert.get("state").asText()).isEqualTo("FIRING");
        String id = alert.get("id").asText();
        await().atMost(Duration.ofSeconds(5)).until(() ->
                json(server.get("/api/v1/alerts/" + id + "/deliveries"), 200).get("deliveries").size() == 1);
        JsonNode delivery = json(server.get("/api/v1/alerts/" + id + "/deliveries"), 200).get("deliveries").get(0);
        assertThat(delivery.get("channel").asText()).isEqualTo("log");
        assertThat(delivery.get("success").asBoolean()).isTrue();

        server.predictions.clear("churn");
        SyntheticData.addPredictions(server.predictions, "churn", "3", 150, 0.0, 13);
        json(server.post("/api/v1/monitors/" + monitor + "/run", ""), 200);

        assertThat(json(server.get("/api/v1/alerts?state=firing"), 200).get("alerts")).isEmpty();
        assertThat(json(server.get("/api/v1/alerts/" + id), 200).get("alert").get("state").asText()).isEqualTo("RESOLVED");
    }

    @Test
    void a_firing_alert_has_no_resolved_at_until_it_resolves() throws Exception {
        json(server.post("/api/v1/alert-rules", "{\"metric\": \"accuracy\", \"comparator\": \"<\", \"threshold\": 0.8}"), 200);
        String id = server.alerts.observe("churn", java.util.Map.of("accuracy", 0.5)).get(0).id();

        JsonNode firing = json(server.get("/api/v1/alerts/" + id), 200).get("alert");
        assertThat(firing.get("state").asText()).isEqualTo("FIRING");
        assertThat(firing.has("fired_at")).isTrue();
        assertThat(firing.has("resolved_at")).as(firing.toString()).isFalse();
        JsonNode listed = json(server.get("/api/v1/alerts?state=firing"), 200).get("alerts").get(0);
        assertThat(listed.has("resolved_at")).as(listed.toString()).isFalse();
        assertThat(server.get("/api/v1/alerts").body()).doesNotContain("1970-01-01");

        server.alerts.observe("churn", java.util.Map.of("accuracy", 0.95));

        JsonNode resolved = json(server.get("/api/v1/alerts/" + id), 200).get("alert");
        assertThat(resolved.get("state").asText()).isEqualTo("RESOLVED");
        assertThat(java.time.Instant.parse(resolved.get("resolved_at").asText()))
                .isAfterOrEqualTo(java.time.Instant.parse(resolved.get("fired_at").asText()));
    }

    @Test
    void creates_lists_gets_and_deletes_rules() throws Exception {
        JsonNode created = json(server.post("/api/v1/alert-rules", """
                {"metric": "accuracy", "comparator": "lt", "threshold": 0.8, "for_windows": 3,
                 "webhook_url": "http://127.0.0.1:9/hook"}"""), 200).get("alert_rule");
        String id = created.get("id").asText();

        assertThat(created.get("comparator").asText()).isEqualTo("LESS_THAN");
        assertThat(created.get("for_windows").asInt()).isEqualTo(3);
        assertThat(created.get("name").asText()).isEqualTo("accuracy < 0.8");
        assertThat(json(server.get("/api/v1/alert-rules"), 200).get("alert_rules")).hasSize(1);
        assertThat(json(server.get("/api/v1/alert-rules/" + id), 200).get("alert_rule").get("webhook_url").asText())
                .isEqualTo("http://127.0.0.1:9/hook");

        json(server.delete("/api/v1/alert-rules/" + id), 200);

        assertThat(json(server.get("/api/v1/alert-rules/" + id), 404).get("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void answers_structured_errors() throws Exception {
        assertThat(json(server.post("/api/v1/alert-rules", "{\"comparator\": \">\", \"threshold\": 1}"), 400)
                .get("message").asText()).contains("'metric'");
        assertThat(json(server.post("/api/v1/alert-rules", "{\"metric\": 5, \"comparator\": \">\", \"threshold\": [1]}"), 400)
                .get("error_code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(json(server.get("/api/v1/alerts?state=sleeping"), 400).get("message").asText()).contains("state");
        assertThat(json(server.get("/api/v1/alerts/none/deliveries"), 404).get("message").asText()).contains("none");
    }

    private static JsonNode json(HttpResponse<String> response, int expectedStatus) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return Json.mapper().readTree(response.body());
    }
}
