package dev.mlforge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import dev.mlforge.testsupport.RepoDatasets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lineage from data to deployment for a pipeline submitted over HTTP: a dataset version registered over HTTP, then
 * load -> split -> train (grid search) -> evaluate -> register -> deploy. The registry's lineage must reach from the
 * deployed version back to that dataset version (and the other way), through the dataset inputs the pipeline logged.
 */
class PipelineLineageTest {
    private static final String DATASET = "wine-lineage";
    private static final String MODEL = "wine-lineage-model";
    private static final String DEPLOYMENT = "wine-lineage";
    private static final String PIPELINE = """
            name: lineage
            experiment: lineage
            steps:
              - {name: load, uses: load, with: {dataset: %1$s, version: latest}}
              - {name: split, uses: split, inputs: {data: load.data}, with: {label: class, test_fraction: 0.3, seed: 7}}
              - name: train
                uses: train
                inputs: {train: split.train, test: split.test}
                with: {label: class, metric: accuracy, search: grid, trainers: {logistic_regression: {epochs: [10, 20], learning_rate: 0.5}}}
              - {name: evaluate, uses: evaluate, inputs: {model: train.model, test: split.test}, with: {label: class}}
              - name: register
                uses: register
                inputs: {model: train.model, run_id: train.best_run_id, metrics: evaluate.metrics}
                with: {model_name: %2$s}
              - {name: deploy, uses: deploy, inputs: {model_uri: register.model_uri}, with: {deployment: %3$s}}
            """.formatted(DATASET, MODEL, DEPLOYMENT);

    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();

    private static TestHttp http;
    private static String digest;
    private static JsonNode pipelineRun;

    @BeforeAll
    static void register_the_dataset_and_run_the_pipeline_over_http() throws Exception {
        http = server.http();
        TestHttp.Response registered = http.send("POST", "/api/v1/datasets?name=" + DATASET, "text/csv",
                Files.readAllBytes(RepoDatasets.wine()));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        digest = registered.json().path("dataset_version").path("digest").asText();

        String runId = http.post("/api/v1/pipelines/runs", Json.mapper().writeValueAsString(Map.of("pipeline", PIPELINE))).ok().json()
                .path("run_id").asText();
        pipelineRun = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get("/api/v1/pipelines/runs/" + runId).ok().json().path("run"),
                        run -> !run.path("status").asText().equals("RUNNING"));
    }


    @Test
    void the_pipeline_registers_and_deploys_a_model_trained_on_the_registered_version() {
        assertThat(pipelineRun.path("status").asText()).as(pipelineRun.toString()).isEqualTo("SUCCEEDED");
        assertThat(digest).hasSize(32);
        assertThat(output("register", "version")).isEqualTo("1");
    }

    @Test
    void the_registered_versions_lineage_contains_the_dataset_version_it_was_trained_on() throws Exception {
        JsonNode graph = http.get("/api/v1/lineage?model=" + MODEL + "&version=1").ok().json();

        String bestRunId = output("train", "best_run_id");
        JsonNode dataset = node(graph, "dataset:" + digest);
        assertThat(dataset.at("/attributes/name").asText()).isEqualTo(DATASET);
        assertThat(dataset.at("/attributes/digest").asText()).isEqualTo(digest);
        assertThat(dataset.at("/attributes/context").asText()).isEqualTo("training");
        assertThat(edges(graph)).contains("dataset:" + digest + "-trained->run:" + bestRunId,
                "run:" + bestRunId + "-produced->model:" + MODEL + "/1",
                "model:" + MODEL + "/1-deployed_as->deployment:" + DEPLOYMENT);
    }

    @Test
    void the_dataset_digests_lineage_reaches_the_registered_version_and_its_deployment() throws Exception {
        JsonNode graph = http.get("/api/v1/lineage?dataset_digest=" + digest).ok().json();

        assertThat(ids(graph)).contains("dataset:" + digest, "model:" + MODEL + "/1", "deployment:" + DEPLOYMENT);
        assertThat(edges(graph)).contains("model:" + MODEL + "/1-deployed_as->deployment:" + DEPLOYMENT);
    }

    @Test
    void every_trial_run_shows_the_dataset_version_as_a_training_input() throws Exception {
        JsonNode best = http.get("/api/2.0/mlflow/runs/get?run_id=" + output("train", "best_run_id")).ok().json().path("run");
        String trainStepRunId = tag(best, "mlflow.parentRunId");
        JsonNode trials = http.post("/api/2.0/mlflow/runs/search", Json.mapper().writeValueAsString(Map.of(
                "experiment_ids", List.of(best.at("/info/experiment_id").asText()),
                "filter", "tags.mlflow.parentRunId = '" + trainStepRunId + "'"))).ok().json().path("runs");

        assertThat(trials).hasSize(2);
        for (JsonNode trial : trials) {
            JsonNode run = http.get("/api/2.0/mlflow/runs/get?run_id=" + trial.at("/info/run_id").asText()).ok().json().path("run");
            JsonNode input = run.at("/inputs/dataset_inputs/0");
            assertThat(run.at("/inputs/dataset_inputs")).as(run.toString()).hasSize(1);
            assertThat(input.at("/dataset/digest").asText()).isEqualTo(digest);
            assertThat(input.at("/dataset/name").asText()).isEqualTo(DATASET);
            assertThat(input.at("/dataset/source_type").asText()).isEqualTo("mlforge_artifact");
            assertThat(input.at("/dataset/source").asText()).contains("mlforge-artifacts:/datasets/" + DATASET + "/");
            assertThat(input.at("/tags/0/key").asText()).isEqualTo("mlflow.data.context");
            assertThat(input.at("/tags/0/value").asText()).isEqualTo("training");
        }
    }

    @Test
    void the_pipeline_run_and_the_train_and_evaluate_step_runs_record_the_dataset_with_their_context() throws Exception {
        JsonNode best = http.get("/api/2.0/mlflow/runs/get?run_id=" + output("train", "best_run_id")).ok().json().path("run");
        JsonNode trainStep = http.get("/api/2.0/mlflow/runs/get?run_id=" + tag(best, "mlflow.parentRunId")).ok().json().path("run");
        JsonNode pipeline = http.get("/api/2.0/mlflow/runs/get?run_id=" + tag(trainStep, "mlflow.parentRunId")).ok().json().path("run");
        JsonNode steps = http.post("/api/2.0/mlflow/runs/search", Json.mapper().writeValueAsString(Map.of(
                "experiment_ids", List.of(best.at("/info/experiment_id").asText()),
                "filter", "tags.mlflow.parentRunId = '" + pipeline.at("/info/run_id").asText() + "' and tags.mlforge.step = 'evaluate'"))).ok().json()
                .path("runs");

        assertThat(pipeline.at("/inputs/dataset_inputs/0/dataset/digest").asText()).isEqualTo(digest);
        assertThat(trainStep.at("/inputs/dataset_inputs/0/dataset/digest").asText()).isEqualTo(digest);
        assertThat(trainStep.at("/inputs/dataset_inputs/0/tags/0/value").asText()).isEqualTo("training");
        assertThat(steps).hasSize(1);
        JsonNode evaluate = http.get("/api/2.0/mlflow/runs/get?run_id=" + steps.get(0).at("/info/run_id").asText()).ok().json().path("run");
        assertThat(evaluate.at("/inputs/dataset_inputs/0/dataset/digest").asText()).isEqualTo(digest);
        assertThat(evaluate.at("/inputs/dataset_inputs/0/tags/0/value").asText()).isEqualTo("evaluation");
    }

    private static String output(String step, String name) {
        for (JsonNode candidate : pipelineRun.path("steps")) {
            if (candidate.path("step").asText().equals(step)) {
                return candidate.path("outputs").path(name).path("value").asText();
            }
        }
        throw new AssertionError("No step " + step + " in " + pipelineRun);
    }

    private static String tag(JsonNode run, String key) {
        for (JsonNode tag : run.at("/data/tags")) {
            if (tag.path("key").asText().equals(key)) {
                return tag.path("value").asText();
            }
        }
        throw new AssertionError("No tag " + key + " on " + run);
    }

    private static JsonNode node(JsonNode graph, String id) {
        for (JsonNode node : graph.path("nodes")) {
            if (node.path("id").asText().equals(id)) {
                return node;
            }
        }
        throw new AssertionError("No node " + id + " in " + graph);
    }

    private static List<String> ids(JsonNode graph) {
        List<String> ids = new ArrayList<>();
        graph.path("nodes").forEach(node -> ids.add(node.path("id").asText()));
        return ids;
    }

    private static List<String> edges(JsonNode graph) {
        List<String> edges = new ArrayList<>();
        graph.path("edges").forEach(edge -> edges.add(edge.path("from").asText() + "-" + edge.path("relation").asText() + "->"
                + edge.path("to").asText()));
        return edges;
    }
}
