package dev.mlforge.monitoring.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.events.AlertChanged;
import dev.mlforge.monitoring.testing.LoggedPredictions;
import dev.mlforge.monitoring.testing.References;
import dev.mlforge.monitoring.testing.SyntheticData;
import dev.mlforge.store.WorkspaceContext;
import dev.mlforge.testing.ApplicationExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AlertRoutesTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite().withConfig("monitoring.webhook-allowed-hosts", "127.0.0.1");
    final LoggedPredictions predictions = new LoggedPredictions(server);
    String referenceRun;

    @BeforeEach
    void start() {
        referenceRun = References.logRunArtifact(server, "reference/train.csv", SyntheticData.referenceCsv(300, 11));
    }

    @Test
    void a_monitor_run_fires_a_rule_and_the_alert_and_its_deliveries_are_listed() throws Exception {
        JsonNode rule = server.http().post("/api/v1/alert-rules", """
                {"name": "column x drifted", "metric": "column_drift:x", "comparator": ">=", "threshold": 1,
                 "deployment": "churn"}""").json(200).get("alert_rule");
        String monitor = server.http().post("/api/v1/monitors", """
                {"deployment": "churn", "reference": {"run_id": "%s", "artifact_path": "reference/train.csv"},
                 "window": {"span_seconds": 3600}}""".formatted(referenceRun)).json(200).get("monitor").get("id").asText();
        SyntheticData.addPredictions(predictions, "churn", "3", 150, 2.0, 12);

        server.http().post("/api/v1/monitors/" + monitor + "/run", "").json(200);

        JsonNode alerts = server.http().get("/api/v1/alerts?state=firing").json(200).get("alerts");
        assertThat(alerts).hasSize(1);
        JsonNode alert = alerts.get(0);
        assertThat(alert.get("rule_id").asText()).isEqualTo(rule.get("id").asText());
        assertThat(alert.get("rule_name").asText()).isEqualTo("column x drifted");
        assertThat(alert.get("deployment").asText()).isEqualTo("churn");
        assertThat(alert.get("state").asText()).isEqualTo("FIRING");
        String id = alert.get("id").asText();
        await().atMost(Duration.ofSeconds(5)).until(() ->
                server.http().get("/api/v1/alerts/" + id + "/deliveries").json(200).get("deliveries").size() == 1);
        JsonNode delivery = server.http().get("/api/v1/alerts/" + id + "/deliveries").json(200).get("deliveries").get(0);
        assertThat(delivery.get("channel").asText()).isEqualTo("log");
        assertThat(delivery.get("success").asBoolean()).isTrue();

        predictions.clear("churn");
        SyntheticData.addPredictions(predictions, "churn", "3", 150, 0.0, 13);
        server.http().post("/api/v1/monitors/" + monitor + "/run", "").json(200);

        assertThat(server.http().get("/api/v1/alerts?state=firing").json(200).get("alerts")).isEmpty();
        assertThat(server.http().get("/api/v1/alerts/" + id).json(200).get("alert").get("state").asText()).isEqualTo("RESOLVED");
    }

    @Test
    void firing_and_resolving_are_announced_on_the_event_bus() throws Exception {
        List<AlertChanged> changes = new CopyOnWriteArrayList<>();
        try (AutoCloseable subscription = server.application().events().subscribe(AlertChanged.class, changes::add)) {
            server.http().post("/api/v1/alert-rules", """
                    {"name": "accuracy low", "metric": "accuracy", "comparator": "<", "threshold": 0.8}""").json(200);
            String id = server.application().monitoring().alerts().observe(WorkspaceContext.DEFAULT, "churn", Map.of("accuracy", 0.5)).get(0).id();
            server.application().monitoring().alerts().observe(WorkspaceContext.DEFAULT, "churn", Map.of("accuracy", 0.6)); // still firing: no event
            server.application().monitoring().alerts().observe(WorkspaceContext.DEFAULT, "churn", Map.of("accuracy", 0.95));

            await().atMost(Duration.ofSeconds(5)).until(() -> changes.size() == 2);
            assertThat(changes).extracting(AlertChanged::state).containsExactly("firing", "resolved");
            AlertChanged fired = changes.get(0);
            assertThat(fired.alertId()).isEqualTo(id);
            assertThat(fired.rule()).isEqualTo("accuracy low");
            assertThat(fired.deployment()).isEqualTo("churn");
            assertThat(fired.metric()).isEqualTo("accuracy");
            assertThat(fired.value()).isEqualTo(0.5);
            assertThat(fired.threshold()).isEqualTo(0.8);
            assertThat(changes.get(1).value()).isEqualTo(0.95);
            assertThat(changes.get(1).time()).isAfterOrEqualTo(fired.time());
        }
    }

    @Test
    void a_firing_alert_has_no_resolved_at_until_it_resolves() throws Exception {
        server.http().post("/api/v1/alert-rules", "{\"metric\": \"accuracy\", \"comparator\": \"<\", \"threshold\": 0.8}").json(200);
        String id = server.application().monitoring().alerts().observe(WorkspaceContext.DEFAULT, "churn", java.util.Map.of("accuracy", 0.5)).get(0).id();

        JsonNode firing = server.http().get("/api/v1/alerts/" + id).json(200).get("alert");
        assertThat(firing.get("state").asText()).isEqualTo("FIRING");
        assertThat(firing.has("fired_at")).isTrue();
        assertThat(firing.has("resolved_at")).as(firing.toString()).isFalse();
        JsonNode listed = server.http().get("/api/v1/alerts?state=firing").json(200).get("alerts").get(0);
        assertThat(listed.has("resolved_at")).as(listed.toString()).isFalse();
        assertThat(server.http().get("/api/v1/alerts").body()).doesNotContain("1970-01-01");

        server.application().monitoring().alerts().observe(WorkspaceContext.DEFAULT, "churn", java.util.Map.of("accuracy", 0.95));

        JsonNode resolved = server.http().get("/api/v1/alerts/" + id).json(200).get("alert");
        assertThat(resolved.get("state").asText()).isEqualTo("RESOLVED");
        assertThat(java.time.Instant.parse(resolved.get("resolved_at").asText()))
                .isAfterOrEqualTo(java.time.Instant.parse(resolved.get("fired_at").asText()));
    }

    @Test
    void creates_lists_gets_and_deletes_rules() throws Exception {
        JsonNode created = server.http().post("/api/v1/alert-rules", """
                {"metric": "accuracy", "comparator": "lt", "threshold": 0.8, "for_windows": 3,
                 "webhook_url": "http://127.0.0.1:9/hook"}""").json(200).get("alert_rule");
        String id = created.get("id").asText();

        assertThat(created.get("comparator").asText()).isEqualTo("LESS_THAN");
        assertThat(created.get("for_windows").asInt()).isEqualTo(3);
        assertThat(created.get("name").asText()).isEqualTo("accuracy < 0.8");
        assertThat(server.http().get("/api/v1/alert-rules").json(200).get("alert_rules")).hasSize(1);
        assertThat(server.http().get("/api/v1/alert-rules/" + id).json(200).get("alert_rule").get("webhook_url").asText())
                .isEqualTo("http://127.0.0.1:9/hook");

        server.http().delete("/api/v1/alert-rules/" + id).json(200);

        assertThat(server.http().get("/api/v1/alert-rules/" + id).json(404).get("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void answers_structured_errors() throws Exception {
        assertThat(server.http().post("/api/v1/alert-rules", "{\"comparator\": \">\", \"threshold\": 1}").json(400)
                .get("message").asText()).contains("'metric'");
        assertThat(server.http().post("/api/v1/alert-rules", "{\"metric\": 5, \"comparator\": \">\", \"threshold\": [1]}").json(400)
                .get("error_code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(server.http().get("/api/v1/alerts?state=sleeping").json(400).get("message").asText()).contains("state");
        assertThat(server.http().get("/api/v1/alerts/none/deliveries").json(404).get("message").asText()).contains("none");
    }
}
