package dev.mlforge.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.events.EventBus;
import dev.mlforge.http.Json;
import dev.mlforge.events.DriftDetected;
import dev.mlforge.events.PipelineFinished;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import dev.mlforge.testsupport.RepoDatasets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PipelineRoutesTest {
    private static final String STEPS = "dev.mlforge.pipelines.TestSteps$";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite()
            .withConfig("pipelines.base-dir", RepoDatasets.find("pipelines/wine-train.yaml").getParent().getParent().toString());

    @Test
    void a_submitted_pipeline_runs_in_the_background_and_reports_each_step() throws Exception {
        String yaml = Files.readString(RepoDatasets.find("pipelines/wine-train.yaml"));
        TestHttp.Response created = post("/api/v1/pipelines/runs",
                Json.mapper().writeValueAsString(Map.of("pipeline", yaml, "params", Map.of("model_name", "wine-api"),
                        "base_dir", "pipelines")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String runId = Json.mapper().readTree(created.body()).path("run_id").asText();

        JsonNode run = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> Json.mapper().readTree(get("/api/v1/pipelines/runs/" + runId).body()).path("run"),
                        node -> !node.path("status").asText().equals("RUNNING"));

        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.path("trigger").asText()).isEqualTo("api");
        assertThat(run.path("params").path("model_name").asText()).isEqualTo("wine-api");
        assertThat(run.path("steps")).hasSize(9);
        assertThat(run.path("steps").get(0).path("step").asText()).isEqualTo("load");
        JsonNode train = run.path("steps").get(4);
        assertThat(train.path("step").asText()).isEqualTo("train");
        assertThat(train.path("state").asText()).isEqualTo("SUCCEEDED");
        String bestRun = train.path("outputs").path("best_run_id").path("value").asText();
        assertThat(get("/api/2.0/mlflow/runs/get?run_id=" + bestRun).status()).isEqualTo(200);
        assertThat(Json.mapper().readTree(get("/api/2.0/mlflow/registered-models/alias?name=wine-api&alias=champion").body())
                .at("/model_version/version").asText()).isEqualTo("1");

        JsonNode listing = Json.mapper().readTree(get("/api/v1/pipelines/runs?pipeline=wine-train").body());
        assertThat(listing.path("runs")).hasSize(1);
        assertThat(listing.path("runs").get(0).path("run_id").asText()).isEqualTo(runId);
    }

    @Test
    void raw_yaml_bodies_take_params_from_the_query() throws Exception {
        String yaml = "name: raw\nparams: {text: none}\nsteps:\n  - {name: a, uses: " + STEPS + "Write, cache: false, with: {text: '${params.text}'}}\n";
        TestHttp.Response created = server.http().send("POST", "/api/v1/pipelines/runs?param=text=hello", "application/yaml", yaml);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String runId = Json.mapper().readTree(created.body()).path("run_id").asText();

        JsonNode run = await().atMost(Duration.ofSeconds(30))
                .until(() -> Json.mapper().readTree(get("/api/v1/pipelines/runs/" + runId).body()).path("run"),
                        node -> node.path("status").asText().equals("SUCCEEDED"));
        assertThat(run.path("steps").get(0).path("outputs").path("text").path("value").asText()).isEqualTo("hello");
    }

    @Test
    void every_finished_run_is_announced_on_the_event_bus() throws Exception {
        List<PipelineFinished> finished = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (AutoCloseable subscription = server.application().events().subscribe(PipelineFinished.class, finished::add)) {
            String ok = submitRaw("name: greet\nsteps:\n  - {name: hello, uses: " + STEPS + "Write, cache: false}\n");
            String failing = submitRaw("name: broken\nsteps:\n  - {name: boom, uses: " + STEPS + "Broken, cache: false, retries: 0}\n");

            await().atMost(Duration.ofSeconds(30)).until(() -> finished.size() == 2);
            PipelineFinished first = finished.stream().filter(event -> event.runId().equals(ok)).findFirst().orElseThrow();
            assertThat(first.pipeline()).isEqualTo("greet");
            assertThat(first.status()).isEqualTo("SUCCEEDED");
            assertThat(first.trigger()).isEqualTo("api");
            PipelineFinished second = finished.stream().filter(event -> event.runId().equals(failing)).findFirst().orElseThrow();
            assertThat(second.pipeline()).isEqualTo("broken");
            assertThat(second.status()).isEqualTo("FAILED");
            JsonNode stored = Json.mapper().readTree(get("/api/v1/pipelines/runs/" + failing).body()).path("run");
            assertThat(stored.path("status").asText()).isEqualTo("FAILED");
        }
    }

    private String submitRaw(String yaml) throws Exception {
        TestHttp.Response created = server.http().send("POST", "/api/v1/pipelines/runs", "application/yaml", yaml);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return Json.mapper().readTree(created.body()).path("run_id").asText();
    }

    @Test
    void invalid_pipelines_are_refused_before_running() throws Exception {
        TestHttp.Response response = post("/api/v1/pipelines/runs",
                Json.mapper().writeValueAsString(Map.of("pipeline", "name: x\nsteps:\n  - {name: a, uses: teleport}\n")));

        assertThat(response.status()).isEqualTo(400);
        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.path("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(body.path("message").asText()).contains("unknown step type 'teleport'");
        assertThat(post("/api/v1/pipelines/runs", "{}").body()).contains("Missing value for required parameter 'pipeline'");
        assertThat(post("/api/v1/pipelines/runs", "not json").status()).isEqualTo(400);
    }

    @Test
    void unknown_runs_are_not_found() throws Exception {
        TestHttp.Response response = get("/api/v1/pipelines/runs/nope");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).contains("RESOURCE_DOES_NOT_EXIST").contains("Pipeline run 'nope' does not exist");
        assertThat(get("/api/v1/pipelines/runs?limit=0").status()).isEqualTo(400);
    }

    @Test
    void schedules_are_created_listed_and_deleted() throws Exception {
        String yaml = "name: s\nsteps:\n  - {name: a, uses: " + STEPS + "Write}\n";
        TestHttp.Response created = post("/api/v1/pipelines/schedules",
                Json.mapper().writeValueAsString(Map.of("name", "nightly", "cron", "0 3 * * *", "pipeline", yaml)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(get("/api/v1/pipelines/schedules").body()).contains("\"name\":\"nightly\"").contains("\"cron\":\"0 3 * * *\"");

        TestHttp.Response bad = post("/api/v1/pipelines/schedules",
                Json.mapper().writeValueAsString(Map.of("name", "bad", "cron", "nope", "pipeline", yaml)));
        assertThat(bad.status()).isEqualTo(400);

        TestHttp.Response deleted = server.http().delete("/api/v1/pipelines/schedules/nightly");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(get("/api/v1/pipelines/schedules").body()).doesNotContain("nightly");
    }

    @Test
    void a_drift_signal_on_the_event_bus_starts_the_registered_retraining_once() throws Exception {
        String yaml = "name: retrain\nsteps:\n  - {name: a, uses: " + STEPS + "Write, cache: false, with: {sleep_ms: 500}}\n";
        assertThat(post("/api/v1/pipelines/triggers", Json.mapper().writeValueAsString(Map.of("deployment", "wine", "pipeline", yaml)))
                .status()).isEqualTo(201);
        EventBus events = server.application().events();
        events.publish(new DriftDetected("m1", "other", 0.5, List.of("proline"), Instant.now()));
        events.publish(new DriftDetected("m2", "wine", 0.5, List.of("proline"), Instant.now()));
        events.publish(new DriftDetected("m2", "wine", 0.6, List.of("proline", "hue"), Instant.now()));

        JsonNode runs = await().atMost(Duration.ofSeconds(30)).until(
                () -> Json.mapper().readTree(get("/api/v1/pipelines/runs").body()).path("runs"),
                node -> node.size() == 1 && node.get(0).path("status").asText().equals("SUCCEEDED"));
        assertThat(runs.get(0).path("trigger").asText()).isEqualTo("drift:wine");
        assertThat(server.application().pipelines().service().runs(null, 10)).hasSize(1);
    }

    private TestHttp.Response get(String path) {
        return server.http().get(path);
    }

    private TestHttp.Response post(String path, String json) {
        return server.http().post(path, json);
    }
}
