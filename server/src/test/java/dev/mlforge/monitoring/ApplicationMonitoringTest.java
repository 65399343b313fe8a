package dev.mlforge.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.app.Application;
import dev.mlforge.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitoring routes are wired into the application: persistence across restarts, run-artifact references. */
class ApplicationMonitoringTest {
    @TempDir
    Path dir;
    final HttpClient client = HttpClient.newHttpClient();

    @Test
    void monitors_and_alert_rules_are_served_and_persist_across_restarts() throws Exception {
        String id;
        try (Application app = new Application(ServerConfig.forDataDir(dir)).start()) {
            JsonNode created = post(app, "/api/v1/monitors", """
                    {"deployment": "iris", "reference": {"dataset": "iris", "dataset_version": 1},
                     "window": {"span_seconds": 600}, "schedule": {"cron": "*/5 * * * *"}}""", 200);
            id = created.get("monitor").get("id").asText();
            post(app, "/api/v1/alert-rules", "{\"metric\": \"drift_share\", \"comparator\": \">\", \"threshold\": 0.5}", 200);
        }
        try (Application app = new Application(ServerConfig.forDataDir(dir)).start()) {
            assertThat(get(app, "/api/v1/monitors/" + id).get("monitor").get("schedule").get("cron").asText())
                    .isEqualTo("*/5 * * * *");
            assertThat(get(app, "/api/v1/alert-rules").get("alert_rules")).hasSize(1);
            assertThat(get(app, "/api/v1/alerts").get("alerts")).isEmpty();
        }
    }

    @Test
    void a_run_artifact_reference_is_read_through_tracking_and_the_artifact_repository() throws Exception {
        try (Application app = new Application(ServerConfig.forDataDir(dir)).start()) {
            String experiment = post(app, "/api/2.0/mlflow/experiments/create", "{\"name\": \"churn\"}", 200)
                    .get("experiment_id").asText();
            JsonNode run = post(app, "/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"" + experiment + "\"}", 200)
                    .get("run").get("info");
            String runId = run.get("run_id").asText();
            String artifactRoot = run.get("artifact_uri").asText().replaceFirst("^mlflow-artifacts:/", "");
            HttpResponse<String> upload = client.send(HttpRequest.newBuilder(URI.create(app.baseUrl()
                    + "/api/2.0/mlflow-artifacts/artifacts/" + artifactRoot + "/reference/train.csv"))
                    .PUT(HttpRequest.BodyPublishers.ofString("x,color\n1.5,red\n2.5,blue\n")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
            String present = post(app, "/api/v1/monitors", monitorOn(runId), 200).get("monitor").get("id").asText();
            String absent = post(app, "/api/v1/monitors", monitorOn("f".repeat(32)), 200).get("monitor").get("id").asText();

            // the reference loads; the deployment has logged no prediction, so the window is empty
            assertThat(post(app, "/api/v1/monitors/" + present + "/run", "", 400).get("message").asText())
                    .contains("no predictions");
            assertThat(post(app, "/api/v1/monitors/" + absent + "/run", "", 404).get("error_code").asText())
                    .isEqualTo("RESOURCE_DOES_NOT_EXIST");
        }
    }

    private static String monitorOn(String runId) {
        return "{\"deployment\": \"churn\", \"reference\": {\"run_id\": \"" + runId
                + "\", \"artifact_path\": \"reference/train.csv\"}, \"window\": {\"last_n\": 10}}";
    }

    private JsonNode get(Application app, String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private JsonNode post(Application app, String path, String body, int status) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return Json.mapper().readTree(response.body());
    }
}
