package dev.mlforge.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.datasets.DatasetService;
import dev.mlforge.datasets.MlflowDataset;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testsupport.RepoDatasets;
import dev.mlforge.tracking.DatasetEntity;
import dev.mlforge.tracking.DatasetInputEntity;
import dev.mlforge.tracking.Tag;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Datasets declared by a step (load) become dataset inputs, in the application's tracking, of the pipeline's run and
 * of every run downstream.
 */
class DatasetLineageTest {
    private static final String STEPS = "dev.mlforge.pipelines.TestSteps$";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    @TempDir
    java.nio.file.Path tmp;
    private PipelineHarness harness;
    private final String key = UUID.randomUUID().toString();

    /** A dataset input as the run recorder was given it: the dataset and the context it was used in. */
    private record LoggedInput(MlflowDataset dataset, String context) { }

    @BeforeEach
    void setUp() {
        harness = new PipelineHarness(server, tmp);
    }

    @Test
    void a_loaded_file_is_an_input_of_the_pipeline_run_and_of_every_run_downstream_with_its_steps_context() throws Exception {
        String yaml = """
                name: local-lineage
                steps:
                  - {name: load, uses: load, with: {path: "%1$s"}}
                  - {name: split, uses: split, inputs: {data: load.data}, with: {label: class, test_fraction: 0.3}}
                  - name: train
                    uses: train
                    inputs: {train: split.train, test: split.test}
                    with: {label: class, trainers: {cart: {max_depth: [2, 4]}}}
                  - {name: evaluate, uses: evaluate, inputs: {model: train.model, test: split.test}, with: {label: class}}
                  - {name: unrelated, uses: %2$sWrite, cache: false, with: {key: %3$s}}
                """.formatted(RepoDatasets.wine(), STEPS, key);

        PipelineRunResult result = harness.run(yaml);

        assertThat(result.status()).as(result.steps().toString()).isEqualTo(PipelineStatus.SUCCEEDED);
        String digest = DatasetService.sha256(Files.readAllBytes(RepoDatasets.wine())).substring(0, 32);
        MlflowDataset wine = inputs(result.trackingRunId()).get(0).dataset();
        assertThat(wine.name()).isEqualTo("wine");
        assertThat(wine.digest()).isEqualTo(digest);
        assertThat(wine.sourceType()).isEqualTo("local");
        assertThat(wine.source()).isEqualTo("{\"uri\":\"" + RepoDatasets.wine().toUri() + "\"}");
        assertThat(wine.schema()).contains("\"name\":\"proline\"");
        assertThat(inputs(result.trackingRunId())).containsExactly(new LoggedInput(wine, null));
        assertThat(inputs(stepRun(result, "load"))).containsExactly(new LoggedInput(wine, null));
        assertThat(inputs(stepRun(result, "split"))).containsExactly(new LoggedInput(wine, null));
        assertThat(inputs(stepRun(result, "train"))).containsExactly(new LoggedInput(wine, MlflowDataset.TRAINING));
        assertThat(harness.children(stepRun(result, "train"))).hasSize(2)
                .allSatisfy(trial -> assertThat(inputs(trial.info().runId())).containsExactly(new LoggedInput(wine, MlflowDataset.TRAINING)));
        assertThat(inputs(stepRun(result, "evaluate"))).containsExactly(new LoggedInput(wine, MlflowDataset.EVALUATION));
        assertThat(inputs(stepRun(result, "unrelated"))).isEmpty();
    }

    @Test
    void a_cached_step_still_passes_its_dataset_on() {
        String yaml = """
                name: cached-lineage
                steps:
                  - {name: source, uses: %1$sDeclare, with: {name: events, digest: 0123456789abcdef, key: %2$s}}
                  - {name: use, uses: %1$sWrite, cache: false, inputs: {name: source.name}, with: {key: %2$s-use}}
                """.formatted(STEPS, key);
        MlflowDataset events = new MlflowDataset("events", "0123456789abcdef", "local", "{}", null, null);

        harness.run(yaml);
        PipelineRunResult second = harness.run(yaml);

        assertThat(second.step("source").state()).isEqualTo(StepState.CACHED);
        assertThat(TestSteps.executions(key)).isEqualTo(1);
        assertThat(inputs(stepRun(second, "source"))).containsExactly(new LoggedInput(events, null));
        assertThat(inputs(stepRun(second, "use"))).containsExactly(new LoggedInput(events, null));
        assertThat(inputs(second.trackingRunId())).containsExactly(new LoggedInput(events, null));
    }

    @Test
    void a_step_misusing_the_reserved_output_fails_with_a_clear_message_and_passes_nothing_on() {
        String yaml = """
                name: misused
                steps:
                  - {name: source, uses: %1$sMisuse, cache: false}
                  - {name: use, uses: %1$sWrite, cache: false, inputs: {x: source.dataset_inputs}, with: {key: %2$s}}
                """.formatted(STEPS, key);

        PipelineRunResult result = harness.run(yaml);

        assertThat(result.step("source")).isInstanceOfSatisfying(StepOutcome.Failed.class, failed -> assertThat(failed.error())
                .contains("The output 'dataset_inputs' is reserved", "A dataset needs a 'digest'"));
        assertThat(result.step("use").state()).isEqualTo(StepState.SKIPPED);
        assertThat(inputs(result.trackingRunId())).isEmpty();
    }

    private static String stepRun(PipelineRunResult result, String step) {
        return ((StepOutcome.Succeeded) result.step(step)).trackingRunId();
    }

    private List<LoggedInput> inputs(String runId) {
        return harness.trackingRun(runId).inputs().stream().map(DatasetLineageTest::logged).toList();
    }

    private static LoggedInput logged(DatasetInputEntity input) {
        DatasetEntity dataset = input.dataset();
        String context = input.tags().stream().filter(tag -> tag.key().equals(DatasetInputEntity.CONTEXT_TAG)).map(Tag::value)
                .findFirst().orElse(null);
        return new LoggedInput(new MlflowDataset(dataset.name(), dataset.digest(), dataset.sourceType(), dataset.source(),
                dataset.schema(), dataset.profile()), context);
    }
}
