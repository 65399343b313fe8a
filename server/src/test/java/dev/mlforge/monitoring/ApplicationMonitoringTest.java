package dev.mlforge.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.app.Application;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The monitoring routes are wired into the application: persistence across restarts, run-artifact references. */
class ApplicationMonitoringTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();

    @Test
    void monitors_and_alert_rules_are_served_and_persist_across_restarts() throws Exception {
        String id;
        Application app = server.application();
        JsonNode created = post(app, "/api/v1/monitors", """
                {"deployment": "iris", "reference": {"dataset": "iris", "dataset_version": 1},
                 "window": {"span_seconds": 600}, "schedule": {"cron": "*/5 * * * *"}}""", 200);
        id = created.get("monitor").get("id").asText();
        post(app, "/api/v1/alert-rules", "{\"metric\": \"drift_share\", \"comparator\": \">\", \"threshold\": 0.5}", 200);
        app = server.restart();
        assertThat(get(app, "/api/v1/monitors/" + id).get("monitor").get("schedule").get("cron").asText())
                .isEqualTo("*/5 * * * *");
        assertThat(get(app, "/api/v1/alert-rules").get("alert_rules")).hasSize(1);
        assertThat(get(app, "/api/v1/alerts").get("alerts")).isEmpty();
    }

    @Test
    void a_run_artifact_reference_is_read_through_tracking_and_the_artifact_repository() throws Exception {
        Application app = server.application();
        String experiment = post(app, "/api/2.0/mlflow/experiments/create", "{\"name\": \"churn\"}", 200)
                .get("experiment_id").asText();
        JsonNode run = post(app, "/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"" + experiment + "\"}", 200)
                .get("run").get("info");
        String runId = run.get("run_id").asText();
        String artifactRoot = run.get("artifact_uri").asText().replaceFirst("^mlflow-artifacts:/", "");
        TestHttp.Response upload = server.http().send("PUT", "/api/2.0/mlflow-artifacts/artifacts/" + artifactRoot
                + "/reference/train.csv", null, "x,color\n1.5,red\n2.5,blue\n");
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        String present = post(app, "/api/v1/monitors", monitorOn(runId), 200).get("monitor").get("id").asText();
        String absent = post(app, "/api/v1/monitors", monitorOn("f".repeat(32)), 200).get("monitor").get("id").asText();

        // the reference loads; the deployment has logged no prediction, so the window is empty
        assertThat(post(app, "/api/v1/monitors/" + present + "/run", "", 400).get("message").asText())
                .contains("no predictions");
        assertThat(post(app, "/api/v1/monitors/" + absent + "/run", "", 404).get("error_code").asText())
                .isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }

    private static String monitorOn(String runId) {
        return "{\"deployment\": \"churn\", \"reference\": {\"run_id\": \"" + runId
                + "\", \"artifact_path\": \"reference/train.csv\"}, \"window\": {\"last_n\": 10}}";
    }

    private JsonNode get(Application app, String path) {
        return new TestHttp(app.baseUrl()).get(path).json(200);
    }

    private JsonNode post(Application app, String path, String body, int status) {
        return new TestHttp(app.baseUrl()).post(path, body).json(status);
    }
}
