package dev.mlforge.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testsupport.RepoDatasets;
import dev.mlforge.training.InMemoryRunRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WinePipelineTest {
    @TempDir
    Path tmp;
    private PipelineHarness harness;
    private Path yamlFile;

    @BeforeEach
    void setUp() {
        harness = new PipelineHarness(tmp, 2);
        yamlFile = RepoDatasets.find("pipelines/wine-train.yaml");
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void the_example_pipeline_trains_registers_promotes_and_deploys_the_best_model() throws Exception {
        PipelineRunResult result = harness.runner.run(yamlFile, Map.of(), harness.events::add);

        assertThat(result.status()).isEqualTo(PipelineStatus.SUCCEEDED);
        assertThat(result.steps()).allMatch(step -> step.state() == StepState.SUCCEEDED);
        PipelineRunResult.BestModel best = result.best().orElseThrow();
        assertThat(best.metric()).isEqualTo("accuracy");
        assertThat(best.metricValue()).isGreaterThan(0.85);
        assertThat(best.modelUri()).isEqualTo("models:/wine-classifier/1");
        assertThat(Files.exists(Path.of(best.modelDirectory(), "MLmodel"))).isTrue();
        assertThat(Files.exists(Path.of(best.modelDirectory(), "featurizer.json"))).isTrue();
        assertThat(harness.registrar.aliases).containsEntry("wine-classifier@champion", "1");
        assertThat(harness.deployer.deployments).singleElement()
                .satisfies(deployment -> assertThat(deployment.modelUri()).isEqualTo("models:/wine-classifier@champion"));

        // Parent run, 9 step runs under it, 6 grid trials (2x2 logistic + 2 cart) under the train step's run.
        String trainRun = ((StepOutcome.Succeeded) result.step("train")).trackingRunId();
        assertThat(harness.recorder.children(result.trackingRunId())).hasSize(9);
        assertThat(harness.recorder.children(trainRun)).hasSize(6);
        assertThat(harness.recorder.runs()).hasSize(16);
        InMemoryRunRecorder.RecordedRun bestTrial = harness.recorder.run(best.runId());
        assertThat(bestTrial.parentRunId()).isEqualTo(trainRun);
        assertThat(bestTrial.lastMetric("accuracy")).isEqualTo(best.metricValue());
        assertThat(bestTrial.artifacts()).containsKey("model");
    }

    @Test
    void a_rerun_reuses_cached_steps_and_the_gate_blocks_promotion_without_improvement() {
        harness.runner.run(yamlFile, Map.of(), harness.events::add);

        PipelineRunResult second = harness.runner.run(yamlFile, Map.of("margin", "0.01"), harness.events::add);

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
        assertThat(harness.registrar.aliases).containsEntry("wine-classifier@champion", "1");
        assertThat(harness.deployer.deployments).hasSize(1);
    }

    @Test
    void the_gate_passes_when_the_candidate_equals_the_holder_and_the_margin_is_zero() {
        harness.runner.run(yamlFile, Map.of(), harness.events::add);

        PipelineRunResult second = harness.runner.run(yamlFile, Map.of(), harness.events::add);

        assertThat(((StepOutcome.Succeeded) second.step("evaluate")).value("gate_passed")).isEqualTo(true);
        assertThat(harness.registrar.aliases).containsEntry("wine-classifier@champion", "2");
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

        PipelineRunResult result = harness.run(yaml);

        assertThat(result.step("validate")).isInstanceOfSatisfying(StepOutcome.Failed.class, failed -> assertThat(failed.error())
                .startsWith("Validation of 'validate' failed: mean of 'proline' moved 6.35 reference standard deviations (limit 3.00)"));
    }
}
