package dev.mlforge.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlforge.api.pipelines.DriftRetrainTriggerResponse;
import dev.mlforge.api.pipelines.GetPipelineRunResponse;
import dev.mlforge.api.pipelines.ListDriftRetrainTriggersResponse;
import dev.mlforge.api.pipelines.ListPipelineRunsResponse;
import dev.mlforge.api.pipelines.ListPipelineSchedulesResponse;
import dev.mlforge.api.pipelines.PipelineScheduleResponse;
import dev.mlforge.api.pipelines.SubmitPipelineRunResponse;
import dev.mlforge.http.Json;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.GoldenText;
import dev.mlforge.testing.TestHttp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every answer of {@code /api/v1/pipelines} as the running server writes it (runs with succeeded, failed and skipped
 * steps and their outputs, schedules, drift triggers, the refusals of bad request bodies), compared character for
 * character with the golden files under {@code src/test/resources/golden/pipelines/}. Times, generated ids and the
 * data folder are replaced by placeholders. Each body also reads into its api-model record and writes back unchanged,
 * as the CLI reads it.
 */
class PipelineWireGoldenTest {
    private static final String STEPS = "dev.mlforge.pipelines.TestSteps$";
    private static final String PIPELINE = "name: golden\nparams: {text: none}\nsteps:\n"
            + "  - {name: write, uses: " + STEPS + "Write, with: {text: '${params.text}'}}\n"
            + "  - {name: once, uses: " + STEPS + "Write, cache: false, with: {text: plain}}\n"
            + "  - {name: broken, uses: " + STEPS + "Broken, cache: false, depends_on: [write]}\n"
            + "  - {name: after, uses: " + STEPS + "Write, cache: false, depends_on: [broken]}\n";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();

    private GoldenText golden() {
        return new GoldenText().text(server.dataDir().toAbsolutePath().toString(), "data")
                .pattern("\\b[0-9a-f]{32}\\b", "id").pattern("cache/[0-9a-f]{64}", "cache-dir").field("cache_key", "key")
                .field("started_at", "time").field("ended_at", "time").field("updated_at", "time")
                .field("created_at", "time").field("next_fire_at", "time");
    }

    @Test
    void a_run_its_steps_and_the_listing_answer_the_golden_bodies() throws Exception {
        TestHttp http = server.http();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pipeline", PIPELINE);
        body.put("params", Map.of("text", "hello"));
        TestHttp.Response created = http.post("/api/v1/pipelines/runs", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        golden().assertMatches("pipelines/submit_run.json", created.body());
        String runId = created.json().path("run_id").asText();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(
                () -> http.get("/api/v1/pipelines/runs/" + runId).json().path("run").path("status").asText(),
                status -> !status.equals("RUNNING"));
        String run = http.get("/api/v1/pipelines/runs/" + runId).ok().body();
        golden().assertMatches("pipelines/get_run.json", run);
        String runs = http.get("/api/v1/pipelines/runs?pipeline=golden").ok().body();
        golden().assertMatches("pipelines/list_runs.json", runs);
        assertThat(GoldenText.assertReadsBack(run, GetPipelineRunResponse.class).run().steps().get(0).outputs().get("flag").value())
                .isEqualTo(true);
        GoldenText.assertReadsBack(runs, ListPipelineRunsResponse.class);
        assertThat(GoldenText.assertReadsBack(created.body(), SubmitPipelineRunResponse.class).runId()).isEqualTo(runId);
        golden().assertMatches("pipelines/list_runs_empty.json", http.get("/api/v1/pipelines/runs?pipeline=none").ok().body());
    }

    @Test
    void schedules_answer_the_golden_bodies() {
        TestHttp http = server.http();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "nightly");
        body.put("cron", "0 3 * * *");
        body.put("pipeline", PIPELINE);
        body.put("params", Map.of("text", 42));
        body.put("enabled", false);
        TestHttp.Response created = http.post("/api/v1/pipelines/schedules", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        golden().assertMatches("pipelines/create_schedule.json", created.body());
        String schedules = http.get("/api/v1/pipelines/schedules").ok().body();
        golden().assertMatches("pipelines/list_schedules.json", schedules);
        GoldenText.assertReadsBack(created.body(), PipelineScheduleResponse.class);
        GoldenText.assertReadsBack(schedules, ListPipelineSchedulesResponse.class);
        golden().assertMatches("pipelines/empty.json", http.delete("/api/v1/pipelines/schedules/nightly").ok().body());
        golden().assertMatches("pipelines/list_schedules_empty.json", http.get("/api/v1/pipelines/schedules").ok().body());
    }

    @Test
    void drift_triggers_answer_the_golden_bodies() {
        TestHttp http = server.http();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deployment", "wine");
        body.put("pipeline", PIPELINE);
        body.put("params", Map.of("text", List.of(1, 2.5, "x")));
        TestHttp.Response created = http.post("/api/v1/pipelines/triggers", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        golden().assertMatches("pipelines/create_trigger.json", created.body());
        String triggers = http.get("/api/v1/pipelines/triggers").ok().body();
        golden().assertMatches("pipelines/list_triggers.json", triggers);
        GoldenText.assertReadsBack(created.body(), DriftRetrainTriggerResponse.class);
        GoldenText.assertReadsBack(triggers, ListDriftRetrainTriggersResponse.class);
        golden().assertMatches("pipelines/empty.json", http.delete("/api/v1/pipelines/triggers/wine").ok().body());
        golden().assertMatches("pipelines/list_triggers_empty.json", http.get("/api/v1/pipelines/triggers").ok().body());
    }

    @Test
    void bad_request_bodies_answer_the_golden_errors() {
        TestHttp http = server.http();
        refused("pipelines/error_missing_pipeline.json", http.post("/api/v1/pipelines/runs", "{}"));
        refused("pipelines/error_pipeline_not_text.json", http.post("/api/v1/pipelines/runs", "{\"pipeline\": 5}"));
        refused("pipelines/error_params_not_object.json",
                http.post("/api/v1/pipelines/runs", "{\"pipeline\": \"name: x\", \"params\": [1]}"));
        refused("pipelines/error_base_dir_not_text.json",
                http.post("/api/v1/pipelines/runs", "{\"pipeline\": \"name: x\", \"base_dir\": 3}"));
        refused("pipelines/error_missing_cron.json", http.post("/api/v1/pipelines/schedules",
                "{\"name\": \"n\", \"cron\": \" \", \"pipeline\": \"name: x\"}"));
        refused("pipelines/error_missing_deployment.json", http.post("/api/v1/pipelines/triggers",
                "{\"deployment\": {\"a\": 1}, \"pipeline\": \"name: x\"}"));
        refused("pipelines/error_enabled_not_boolean.json", http.post("/api/v1/pipelines/schedules",
                "{\"name\": \"n\", \"cron\": \"0 3 * * *\", \"pipeline\": \"name: x\", \"enabled\": \"no\"}"));
        assertThat(http.get("/api/v1/pipelines/schedules").ok().body()).isEqualTo("{\"schedules\":[]}");
        refused("pipelines/error_bad_limit.json", http.get("/api/v1/pipelines/runs?limit=x"));
    }

    @Test
    void nested_and_null_params_are_kept_as_json_text() throws Exception {
        TestHttp http = server.http();
        String body = "{\"name\": \"p\", \"cron\": \"0 3 * * *\", \"pipeline\": " + Json.mapper().writeValueAsString(PIPELINE)
                + ", \"params\": {\"n\": null, \"big\": 12345678901234567890, \"f\": 1e20, \"t\": true,"
                + " \"obj\": {\"a\": null, \"b\": [1, 2.50]}}}";
        TestHttp.Response created = http.post("/api/v1/pipelines/schedules", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        golden().assertMatches("pipelines/create_schedule_params.json", created.body());
    }

    private void refused(String golden, TestHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        golden().assertMatches(golden, response.body());
    }
}
