package dev.mlforge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlforge.pipelines.PipelineRunRecord;
import dev.mlforge.pipelines.PipelineService;
import dev.mlforge.pipelines.PipelineStatus;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testsupport.RepoDatasets;
import dev.mlforge.tracking.RunEntity;
import dev.mlforge.tracking.Tag;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A pipeline run inside the server is recorded in the tracking service: parent, step runs, trials, model artifacts. */
class TrackingRunRecorderTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite()
            // A server run reads only inside pipelines.base-dir: here the repository, where datasets/wine.csv lives.
            .withConfig("pipelines.base-dir", RepoDatasets.wine().getParent().getParent().toString());

    @Test
    void a_server_pipeline_run_appears_in_tracking_with_nested_runs_and_model_artifacts() {
        String yaml = """
                name: tracked-wine
                experiment: tracked
                params: {data: %s}
                steps:
                  - {name: load, uses: load, with: {path: "${params.data}"}}
                  - {name: split, uses: split, inputs: {data: load.data}, with: {label: class, test_fraction: 0.3}}
                  - name: train
                    uses: train
                    inputs: {train: split.train, test: split.test}
                    with: {label: class, trainers: {cart: {max_depth: [2, 4]}}}
                """.formatted(RepoDatasets.wine());
        Application application = server.application();
        PipelineService service = application.pipelines().service();
        String runId = service.submit(yaml, Map.of(), "test");
        PipelineRunRecord record = await().atMost(Duration.ofSeconds(60))
                .until(() -> service.run(runId), run -> run.status() != PipelineStatus.RUNNING);
        assertThat(record.status()).isEqualTo(PipelineStatus.SUCCEEDED);

        String experimentId = application.tracking().getExperimentByName("tracked").experimentId();
        List<RunEntity> runs = application.tracking().searchRuns(List.of(experimentId), "", "ACTIVE_ONLY", 100, List.of(), null).items();
        assertThat(runs).hasSize(6); // pipeline + 3 steps + 2 trials
        RunEntity parent = application.tracking().getRun(record.trackingRunId());
        assertThat(parent.info().status().name()).isEqualTo("FINISHED");
        Map<String, String> parentTags = tags(parent);
        assertThat(parentTags).containsEntry("mlforge.pipeline_run_id", runId).containsKey("mlforge.best_run_id");

        RunEntity best = application.tracking().getRun(parentTags.get("mlforge.best_run_id"));
        assertThat(best.metrics()).extracting(metric -> metric.key()).contains("accuracy", "macro_f1");
        assertThat(best.params()).extracting(param -> param.key()).contains("trainer", "max_depth");
        RunEntity trainStep = application.tracking().getRun(tags(best).get("mlflow.parentRunId"));
        assertThat(tags(trainStep)).containsEntry("mlflow.parentRunId", parent.info().runId()).containsEntry("mlforge.step", "train");

        String artifactRoot = best.info().artifactUri().replaceFirst("^mlflow-artifacts:/+", "");
        assertThat(application.artifacts().exists(artifactRoot + "/model/MLmodel")).isTrue();
        assertThat(application.artifacts().exists(artifactRoot + "/model/model.tribuo")).isTrue();
    }

    private static Map<String, String> tags(RunEntity run) {
        return run.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    }
}
