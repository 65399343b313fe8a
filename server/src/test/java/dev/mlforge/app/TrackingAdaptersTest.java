package dev.mlforge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.datasets.MlflowDataset;
import dev.mlforge.registry.DatasetRef;
import dev.mlforge.registry.RunFacts;
import dev.mlforge.tracking.DatasetEntity;
import dev.mlforge.tracking.DatasetInputEntity;
import dev.mlforge.tracking.MetricEntity;
import dev.mlforge.tracking.Tag;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import dev.mlforge.tracking.TrackingService;
import dev.mlforge.training.RunOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapters over tracking against the real application: the registry's run source, the run artifact locator
 * and the pipelines' run recorder, checked through the MLflow API.
 */
class TrackingAdaptersTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    @TempDir
    Path localFiles;

    private TestHttp http;
    private TrackingService tracking;
    private TrackingRunRecorder recorder;

    @BeforeEach
    void start() {
        http = server.http();
        tracking = server.application().tracking();
        recorder = new TrackingRunRecorder(tracking, server.application().artifacts(), Clock.systemUTC());
    }

    @Test
    void run_source_gives_the_registry_a_runs_latest_metrics_tags_and_datasets() {
        String runId = tracking.createRun("0", "tester", "fit", null, List.of(new Tag("team", "wine"))).info().runId();
        tracking.logMetric(runId, new MetricEntity("accuracy", 0.8, 1, 0));
        tracking.logMetric(runId, new MetricEntity("accuracy", 0.9, 2, 1));
        tracking.logInputs(runId, List.of(new DatasetInputEntity(new DatasetEntity("wine", "abc123", "local", "{}", null, null),
                List.of(new Tag("mlflow.data.context", "training")))));

        RunFacts facts = new TrackingRunSource(tracking).find(runId).orElseThrow();

        assertThat(facts.runId()).isEqualTo(runId);
        assertThat(facts.experimentId()).isEqualTo("0");
        assertThat(facts.artifactUri()).isEqualTo(tracking.runArtifactUri(runId));
        assertThat(facts.metrics()).containsEntry("accuracy", 0.9);
        assertThat(facts.tags()).containsEntry("team", "wine").containsEntry("mlflow.runName", "fit");
        assertThat(facts.datasets()).containsExactly(new DatasetRef("wine", "abc123", "training"));
    }

    @Test
    void run_source_finds_no_unknown_run() {
        assertThat(new TrackingRunSource(tracking).find("0123456789abcdef0123456789abcdef")).isEmpty();
    }

    @Test
    void recorder_nests_child_runs_under_their_parent_as_the_mlflow_api_shows_them() throws Exception {
        String parent = recorder.startRun("wine-experiment", "pipeline", null, Map.of("mlforge.pipeline", "wine"));
        String child = recorder.startRun("wine-experiment", "train", parent, Map.of());
        recorder.logParams(child, Map.of("max_depth", "3"));
        recorder.logMetrics(child, Map.of("accuracy", 0.93), 0);
        recorder.endRun(child, RunOutcome.FINISHED);
        recorder.endRun(parent, RunOutcome.FAILED);

        String experimentId = tracking.getExperimentByName("wine-experiment").experimentId();
        JsonNode runs = http.post("/api/2.0/mlflow/runs/search", "{\"experiment_ids\": [\"" + experimentId + "\"], "
                + "\"filter\": \"tags.mlflow.parentRunId = '" + parent + "'\"}").ok().json().path("runs");
        assertThat(runs).hasSize(1);
        JsonNode run = runs.get(0);
        assertThat(run.path("info").path("run_id").asText()).isEqualTo(child);
        assertThat(run.path("info").path("status").asText()).isEqualTo("FINISHED");
        assertThat(run.path("data").path("params").toString()).contains("max_depth", "\"3\"");
        assertThat(run.path("data").path("metrics").toString()).contains("accuracy", "0.93");
        assertThat(http.get("/api/2.0/mlflow/runs/get?run_id=" + parent).ok().json().path("run").path("info").path("status").asText())
                .isEqualTo("FAILED");
    }

    @Test
    void recorder_logs_a_dataset_input_as_mlflow_log_inputs_shows_it_in_runs_get() throws Exception {
        String runId = recorder.startRun("inputs", "fit", null, Map.of());
        MlflowDataset wine = new MlflowDataset("wine", "0123456789abcdef0123456789abcdef", "mlforge_artifact",
                "{\"uri\":\"mlforge-artifacts:/datasets/wine/x/wine.csv\"}", "{\"mlflow_colspec\":[]}", "{\"num_rows\":178}");

        recorder.logDatasetInput(runId, wine, MlflowDataset.TRAINING);
        recorder.logDatasetInput(runId, wine, MlflowDataset.TRAINING);
        recorder.logDatasetInput(runId, new MlflowDataset("holdout", "fedcba98", "local", "{}", null, null), null);

        JsonNode inputs = http.get("/api/2.0/mlflow/runs/get?run_id=" + runId).ok().json().at("/run/inputs/dataset_inputs");
        assertThat(inputs).hasSize(2);
        JsonNode logged = inputs.get(0).get("dataset").path("name").asText().equals("wine") ? inputs.get(0) : inputs.get(1);
        assertThat(logged.path("dataset").path("digest").asText()).isEqualTo(wine.digest());
        assertThat(logged.path("dataset").path("source_type").asText()).isEqualTo("mlforge_artifact");
        assertThat(logged.path("dataset").path("source").asText()).isEqualTo(wine.source());
        assertThat(logged.path("dataset").path("schema").asText()).isEqualTo(wine.schema());
        assertThat(logged.path("dataset").path("profile").asText()).isEqualTo(wine.profile());
        assertThat(logged.path("tags").toString()).isEqualTo("[{\"key\":\"mlflow.data.context\",\"value\":\"training\"}]");
        assertThat(new TrackingRunSource(tracking).find(runId).orElseThrow().datasets())
                .containsExactlyInAnyOrder(new DatasetRef("wine", wine.digest(), "training"), new DatasetRef("holdout", "fedcba98", null));
    }

    @Test
    void recorder_reuses_an_experiment_it_created_before() {
        String first = recorder.startRun("shared", "a", null, Map.of());
        String second = recorder.startRun("shared", "b", null, Map.of());

        assertThat(tracking.getRun(first).info().experimentId()).isEqualTo(tracking.getRun(second).info().experimentId());
    }

    @Test
    void logged_artifact_folder_is_listed_and_downloaded_through_the_run_scoped_routes() throws Exception {
        Files.createDirectories(localFiles.resolve("model/sub"));
        Files.writeString(localFiles.resolve("model/MLmodel"), "flavors: {}\n");
        Files.writeString(localFiles.resolve("model/sub/weights.txt"), "0.5");
        String runId = recorder.startRun("artifacts", "fit", null, Map.of());

        recorder.logArtifact(runId, localFiles.resolve("model"), "model");

        JsonNode files = http.get("/api/2.0/mlflow/artifacts/list?run_id=" + runId + "&path=model").ok().json().path("files");
        assertThat(files.toString()).contains("model/MLmodel", "model/sub");
        assertThat(http.get("/get-artifact?run_id=" + runId + "&path=model/sub/weights.txt").status()).isEqualTo(200);
    }

    @Test
    void run_scoped_artifact_routes_answer_404_for_an_unknown_run() throws Exception {
        assertThat(http.get("/api/2.0/mlflow/artifacts/list?run_id=0123456789abcdef0123456789abcdef").status()).isEqualTo(404);
    }
}
