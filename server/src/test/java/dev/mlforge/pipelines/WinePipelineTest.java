package dev.mlforge.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.app.Application;
import dev.mlforge.serving.DeploymentStatus;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testsupport.RepoDatasets;
import dev.mlforge.tracking.MetricEntity;
import dev.mlforge.tracking.RunEntity;
import dev.mlforge.tracking.Tag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example pipeline run locally (as {@code mlforge pipelines run} does) on the real application's runner: runs land
 * in tracking, models in the registry, the deployment in serving.
 */
class WinePipelineTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    @TempDir
    Path tmp;
    private final Path yamlFile = RepoDatasets.find("pipelines/wine-train.yaml");

    private PipelineRunResult run(Map<String, String> params) {
        return server.application().pipelineRunner().run(yamlFile, params, event -> { });
    }

    private int champion() {
        return server.application().registry().service().getModelVersionByAlias("wine-classifier", "champion").version();
    }

    private List<DeploymentStatus> deployments() {
        return server.application().serving().deployments().list();
    }

    private List<RunEntity> runs(String filter) {
        Application app = server.application();
        String experimentId = app.tracking().getExperimentByName("wine").experimentId();
        return app.tracking().searchRuns(List.of(experimentId), filter, "ACTIVE_ONLY", 1000, List.of(), null).items();
    }

    private List<RunEntity> children(String parentRunId) {
        return runs("tags.mlflow.parentRunId = '" + parentRunId + "'");
    }

    private static String tag(RunEntity run, String key) {
        return run.tags().stream().filter(tag -> tag.key().equals(key)).map(Tag::value).findFirst().orElse(null);
    }

    @Test
    void the_example_pipeline_trains_registers_promotes_and_deploys_the_best_model() throws Exception {
        PipelineRunResult result = run(Map.of());

        assertThat(result.status()).isEqualTo(PipelineStatus.SUCCEEDED);
        assertThat(result.steps()).allMatch(step -> step.state() == StepState.SUCCEEDED);
        PipelineRunResult.BestModel best = result.best().orElseThrow();
        assertThat(best.metric()).isEqualTo("accuracy");
        assertThat(best.metricValue()).isGreaterThan(0.85);
        assertThat(best.modelUri()).isEqualTo("models:/wine-classifier/1");
        assertThat(Files.exists(Path.of(best.modelDirectory(), "MLmodel"))).isTrue();
        assertThat(Files.exists(Path.of(best.modelDirectory(), "featurizer.json"))).isTrue();
        assertThat(champion()).isEqualTo(1);
        assertThat(deployments()).singleElement().satisfies(deployment ->
                assertThat(deployment.deployment().policy().modelUri()).isEqualTo("models:/wine-classifier@champion"));

        // Parent run, 9 step runs under it, 6 grid trials (2x2 logistic + 2 cart) under the train step's run.
        String trainRun = ((StepOutcome.Succeeded) result.step("train")).trackingRunId();
        assertThat(children(result.trackingRunId())).hasSize(9);
        assertThat(children(trainRun)).hasSize(6);
        assertThat(runs("")).hasSize(16);
        RunEntity bestTrial = server.application().tracking().getRun(best.runId());
        assertThat(tag(bestTrial, "mlflow.parentRunId")).isEqualTo(trainRun);
        assertThat(bestTrial.metrics()).filteredOn(metric -> metric.key().equals("accuracy")).extracting(MetricEntity::value)
                .containsExactly(best.metricValue());
        assertThat(server.http().get("/api/2.0/mlflow/artifacts/list?run_id=" + best.runId()).json(200).path("files")
                .findValuesAsText("path")).contains("model");
    }

    @Test
    void a_rerun_reuses_cached_steps_and_the_gate_blocks_promotion_without_improvement() {
        run(Map.of());

        PipelineRunResult second = run(Map.of("margin", "0.01"));

        assertThat(second.status()).isEqualTo(PipelineStatus.SUCCEEDED);
        assertThat(second.step("load").state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(second.step("split").state()).isEqualTo(StepState.CACHED);
        assertThat(second.step("featurize").state()).isEqualTo(StepState.CACHED);
        assertThat(second.step("train").state()).isEqualTo(StepState.CACHED);
        StepOutcome.Succeeded evaluate = (StepOutcome.Succeeded) second.step("evaluate");
        assertThat(evaluate.value("gate_passed")).isEqualTo(false);
        assertThat(evaluate.value("holder_version")).isEqualTo("1");
        assertThat(second.step("register").state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(second.step("promote")).isInstanceOfSatisfying(StepOutcome.Skipped.class,
                skipped -> assertThat(skipped.reason()).isEqualTo("condition evaluate.gate_passed is false"));
        assertThat(second.step("deploy").state()).isEqualTo(StepState.SKIPPED);
        assertThat(champion()).isEqualTo(1);
        assertThat(deployments()).singleElement().satisfies(deployment ->
                assertThat(deployment.deployment().previousPolicies()).as("deployed once").isEmpty());
    }

    @Test
    void the_gate_passes_when_the_candidate_equals_the_holder_and_the_margin_is_zero() {
        run(Map.of());

        PipelineRunResult second = run(Map.of());

        assertThat(((StepOutcome.Succeeded) second.step("evaluate")).value("gate_passed")).isEqualTo(true);
        assertThat(champion()).isEqualTo(2);
    }

    @Test
    void validation_against_a_reference_catches_a_shifted_column() throws Exception {
        Path shifted = tmp.resolve("shifted.csv");
        var wine = dev.mlforge.datasets.CsvTable.read(RepoDatasets.wine());
        var rows = wine.rows().stream().map(row -> {
            var copy = new java.util.ArrayList<>(row);
            copy.set(12, Double.toString(Double.parseDouble(row.get(12)) + 2000));
            return (java.util.List<String>) copy;
        }).toList();
        wine.withRows(rows).write(shifted);
        String yaml = """
                name: check
                params: {data: shifted.csv, reference: %s}
                steps:
                  - {name: load, uses: load, with: {path: "${params.data}"}}
                  - {name: validate, uses: validate, inputs: {data: load.data}, with: {reference: "${params.reference}", max_mean_shift: 3}}
                """.formatted(RepoDatasets.wine());

        PipelineRunner runner = server.application().pipelineRunner();
        PipelineRunResult result = runner.run(runner.parse(yaml, Map.of()), tmp, event -> { }, PipelineRunner.newRunId());

        assertThat(result.step("validate")).isInstanceOfSatisfying(StepOutcome.Failed.class, failed -> assertThat(failed.error())
                .startsWith("Validation of 'validate' failed: mean of 'proline' moved 6.35 reference standard deviations (limit 3.00)"));
    }
}
