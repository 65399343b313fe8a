package dev.mlforge.monitoring.monitors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.events.DriftDetected;
import dev.mlforge.monitoring.testing.LoggedPredictions;
import dev.mlforge.monitoring.testing.References;
import dev.mlforge.monitoring.testing.SyntheticData;
import dev.mlforge.testing.ApplicationExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MonitorRoutesTest {
    private static final String MONITOR = """
            {"deployment": "iris", "reference": {"dataset": "iris-ref", "dataset_version": 1},
             "window": {"last_n": 200}, "task": "classification"}""";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    final LoggedPredictions predictions = new LoggedPredictions(server);
    final List<DriftDetected> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server.application().events().subscribe(DriftDetected.class, events::add);
        References.registerDataset(server, "iris-ref", SyntheticData.referenceCsv(300, 1));
    }

    @Test
    void creates_lists_gets_and_deletes_a_monitor() throws Exception {
        JsonNode created = server.http().post("/api/v1/monitors", MONITOR).json(200).get("monitor");
        String id = created.get("id").asText();

        assertThat(created.get("deployment").asText()).isEqualTo("iris");
        assertThat(created.get("window").get("last_n").asInt()).isEqualTo(200);
        assertThat(created.get("drift_share").asDouble()).isEqualTo(0.5);
        assertThat(server.http().get("/api/v1/monitors").json(200).get("monitors")).hasSize(1);
        assertThat(server.http().get("/api/v1/monitors/" + id).json(200).get("monitor").get("reference").get("dataset").asText())
                .isEqualTo("iris-ref");

        server.http().delete("/api/v1/monitors/" + id).json(200);

        assertThat(server.http().get("/api/v1/monitors").json(200).get("monitors")).isEmpty();
        assertThat(server.http().get("/api/v1/monitors/" + id).json(404).get("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void rejects_invalid_monitors_with_a_message_naming_the_field() throws Exception {
        assertInvalid("{\"reference\": {\"dataset\": \"a\", \"dataset_version\": 1}, \"window\": {\"last_n\": 5}}", "deployment");
        assertInvalid("{\"deployment\": \"d\", \"reference\": {\"dataset\": \"a\", \"dataset_version\": 1, \"run_id\": \"r\"},"
                + " \"window\": {\"last_n\": 5}}", "reference");
        assertInvalid("{\"deployment\": \"d\", \"reference\": {\"dataset\": \"a\", \"dataset_version\": 1},"
                + " \"window\": {\"last_n\": 5, \"span_seconds\": 60}}", "window");
        assertInvalid("{\"deployment\": \"d\", \"reference\": {\"dataset\": \"a\", \"dataset_version\": 1},"
                + " \"window\": {\"last_n\": 5}, \"schedule\": {\"cron\": \"every minute\"}}", "schedule.cron");
        assertInvalid("{\"deployment\": \"d\", \"reference\": {\"dataset\": \"a\", \"dataset_version\": 1},"
                + " \"window\": {\"last_n\": 5}, \"column_overrides\": {\"x\": {\"method\": \"magic\"}}}", "unknown drift method 'magic'");
        assertInvalid("{\"deployment\": \"d\", \"reference\": {\"dataset\": \"a\", \"dataset_version\": 1},"
                + " \"window\": {\"last_n\": 5}, \"drift_share\": 1.5}", "drift_share");
        assertInvalid("{\"deployment\": \"d\", \"reference\": {\"dataset\": \"a\", \"dataset_version\": 1},"
                + " \"window\": {\"last_n\": 5}, \"task\": \"ranking\"}", "task");
        assertThat(server.http().post("/api/v1/monitors", "{not json").json(400).get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    @Test
    void unknown_monitor_answers_not_found_on_every_route() throws Exception {
        assertThat(server.http().get("/api/v1/monitors/nope").status()).isEqualTo(404);
        assertThat(server.http().delete("/api/v1/monitors/nope").status()).isEqualTo(404);
        assertThat(server.http().post("/api/v1/monitors/nope/run", "").status()).isEqualTo(404);
        assertThat(server.http().get("/api/v1/monitors/nope/results").json(404).get("message").asText()).contains("nope");
    }

    @Test
    void run_detects_drift_stores_the_result_and_publishes_drift_detected() throws Exception {
        SyntheticData.addPredictions(predictions, "iris", "1", 200, 3.0, 2);
        String id = server.http().post("/api/v1/monitors", MONITOR).json(200).get("monitor").get("id").asText();

        JsonNode result = server.http().post("/api/v1/monitors/" + id + "/run", "").json(200).get("result");

        assertThat(result.get("current_rows").asInt()).isEqualTo(200);
        assertThat(result.get("reference_rows").asInt()).isEqualTo(300);
        JsonNode drift = result.get("drift");
        assertThat(drift.get("dataset_drift").asBoolean()).isTrue();
        assertThat(drift.get("drifted_columns").asInt()).isEqualTo(2);
        assertThat(drift.get("drift_share").asDouble()).isEqualTo(2.0 / 3);
        assertThat(drift.get("columns").get(0).get("method").asText()).isEqualTo("ks");
        assertThat(drift.get("columns").get(2).get("column").asText()).isEqualTo("color");
        assertThat(drift.get("columns").get(2).get("drifted").asBoolean()).isFalse();
        JsonNode results = server.http().get("/api/v1/monitors/" + id + "/results").json(200).get("results");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("id").asLong()).isEqualTo(result.get("id").asLong());
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 1);
        assertThat(events.get(0).monitorId()).isEqualTo(id);
        assertThat(events.get(0).deployment()).isEqualTo("iris");
        assertThat(events.get(0).driftedColumns()).containsExactly("x", "y");
    }

    @Test
    void run_on_the_reference_distribution_finds_no_dataset_drift_and_publishes_nothing() throws Exception {
        SyntheticData.addPredictions(predictions, "iris", "1", 200, 0.0, 3);
        String id = server.http().post("/api/v1/monitors", MONITOR).json(200).get("monitor").get("id").asText();

        JsonNode drift = server.http().post("/api/v1/monitors/" + id + "/run", "").json(200).get("result").get("drift");

        assertThat(drift.get("dataset_drift").asBoolean()).isFalse();
        assertThat(drift.get("drift_share").asDouble()).isLessThan(0.5);
        server.application().events().close();
        assertThat(events).isEmpty();
    }

    @Test
    void performance_is_computed_overall_and_per_model_version_from_labels() throws Exception {
        SyntheticData.addPredictions(predictions, "iris", "1", 100, 0.0, 4);
        SyntheticData.addPredictions(predictions, "iris", "2", 100, 0.0, 5);
        String id = server.http().post("/api/v1/monitors", MONITOR).json(200).get("monitor").get("id").asText();

        JsonNode result = server.http().post("/api/v1/monitors/" + id + "/run", "").json(200).get("result");

        assertThat(result.get("labelled_rows").asInt()).isEqualTo(200);
        assertThat(result.get("performance").get("accuracy").asDouble()).isEqualTo(0.8);
        assertThat(result.get("performance").has("roc_auc")).isTrue();
        assertThat(result.get("performance_by_version").get("1").get("accuracy").asDouble()).isEqualTo(0.8);
        assertThat(result.get("performance_by_version").get("2").get("f1").asDouble()).isBetween(0.7, 0.9);
    }

    @Test
    void column_overrides_choose_the_method_and_threshold() throws Exception {
        SyntheticData.addPredictions(predictions, "iris", "1", 200, 0.0, 6);
        String body = MONITOR.replace("\"task\"", "\"column_overrides\": {\"x\": {\"method\": \"psi\", \"threshold\": 0.0001}},"
                + " \"task\"");
        String id = server.http().post("/api/v1/monitors", body).json(200).get("monitor").get("id").asText();

        JsonNode column = server.http().post("/api/v1/monitors/" + id + "/run", "").json(200).get("result").get("drift")
                .get("columns").get(0);

        assertThat(column.get("method").asText()).isEqualTo("psi");
        assertThat(column.get("threshold").asDouble()).isEqualTo(0.0001);
        assertThat(column.get("drifted").asBoolean()).isTrue();
    }

    @Test
    void run_without_predictions_in_the_window_is_a_bad_request() throws Exception {
        String id = server.http().post("/api/v1/monitors", MONITOR).json(200).get("monitor").get("id").asText();

        JsonNode error = server.http().post("/api/v1/monitors/" + id + "/run", "").json(400);

        assertThat(error.get("message").asText()).contains("no predictions");
    }

    @Test
    void run_with_a_missing_reference_is_not_found() throws Exception {
        SyntheticData.addPredictions(predictions, "iris", "1", 10, 0.0, 7);
        String body = MONITOR.replace("\"dataset_version\": 1", "\"dataset_version\": 9");
        String id = server.http().post("/api/v1/monitors", body).json(200).get("monitor").get("id").asText();

        assertThat(server.http().post("/api/v1/monitors/" + id + "/run", "").json(404).get("message").asText())
                .contains("Dataset 'iris-ref' has no version 9");
    }

    @Test
    void an_interval_schedule_runs_the_monitor_by_itself() throws Exception {
        SyntheticData.addPredictions(predictions, "iris", "1", 50, 0.0, 8);
        String body = MONITOR.replace("\"task\"", "\"schedule\": {\"interval_seconds\": 1}, \"task\"");
        String id = server.http().post("/api/v1/monitors", body).json(200).get("monitor").get("id").asText();

        await().atMost(Duration.ofSeconds(10)).until(() ->
                server.http().get("/api/v1/monitors/" + id + "/results").json(200).get("results").size() >= 2);
    }

    @Test
    void a_column_that_cannot_be_tested_is_reported_with_its_error_and_left_out_of_the_share() throws Exception {
        for (int i = 0; i < 50; i++) {
            java.util.Map<String, Object> inputs = new java.util.LinkedHashMap<>();
            inputs.put("x", 10.0 + i);
            inputs.put("color", null);
            predictions.add("iris", new PredictionRow("r" + i, "1", java.time.Instant.now(), inputs, 1, null, null));
        }
        String id = server.http().post("/api/v1/monitors", MONITOR).json(200).get("monitor").get("id").asText();

        server.http().post("/api/v1/monitors/" + id + "/run", "").json(200);
        JsonNode drift = server.http().get("/api/v1/monitors/" + id + "/results").json(200).get("results").get(0).get("drift");

        JsonNode color = drift.get("columns").get(1);
        assertThat(color.get("column").asText()).isEqualTo("color");
        assertThat(color.get("error").asText()).isNotBlank();
        assertThat(color.get("drifted").asBoolean()).isFalse();
        assertThat(drift.get("drift_share").asDouble()).isEqualTo(1.0);
    }

    @Test
    void deleting_the_last_monitor_of_a_deployment_removes_its_gauges() throws Exception {
        SyntheticData.addPredictions(predictions, "iris", "1", 100, 0.0, 9);
        String id = server.http().post("/api/v1/monitors", MONITOR).json(200).get("monitor").get("id").asText();
        server.http().post("/api/v1/monitors/" + id + "/run", "").json(200);
        assertThat(server.http().get("/metrics").body()).contains("mlforge_monitor_drift_share{deployment=\"iris\"}");

        server.http().delete("/api/v1/monitors/" + id).json(200);

        assertThat(server.http().get("/metrics").body()).doesNotContain("deployment=\"iris\"");
    }

    private void assertInvalid(String body, String expectedInMessage) throws Exception {
        JsonNode error = server.http().post("/api/v1/monitors", body).json(400);
        assertThat(error.get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(error.get("message").asText()).contains(expectedInMessage);
    }
}
