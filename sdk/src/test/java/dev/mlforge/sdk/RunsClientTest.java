package dev.mlforge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.tracking.CreateRunRequest;
import dev.mlforge.api.tracking.Dataset;
import dev.mlforge.api.tracking.DatasetInput;
import dev.mlforge.api.tracking.InputTag;
import dev.mlforge.api.tracking.Metric;
import dev.mlforge.api.tracking.Param;
import dev.mlforge.api.tracking.Run;
import dev.mlforge.api.tracking.RunInfo;
import dev.mlforge.api.tracking.RunTag;
import dev.mlforge.api.tracking.SearchRunsRequest;
import dev.mlforge.api.tracking.SearchRunsResponse;
import dev.mlforge.sdk.testing.ClientExtension;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RunsClientTest {
    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();
    private MlforgeClient client;
    private RunsClient runs;
    private String experimentId;

    @BeforeEach
    void start() {
        client = server.client();
        runs = client.runs();
        experimentId = client.experiments().create("runs-test");
    }

    private Run newRun(String name) {
        return runs.create(new CreateRunRequest(experimentId, "ann", name, 1_700_000_000_000L, null));
    }

    @Test
    void creates_a_run_and_logs_metrics_params_tags_and_inputs() {
        String runId = newRun("first").info().runId();

        runs.logMetric(runId, "loss", 0.5, 1000L, 1);
        runs.logMetric(runId, "loss", Double.NaN, 2000L, 2);
        runs.logParam(runId, "lr", "0.01");
        runs.setTag(runId, "stage", "dev");
        runs.logBatch(runId, List.of(new Metric("acc", 0.9, 3000L, 0L)), List.of(new Param("depth", "4")),
                List.of(new RunTag("kind", "tree")));
        runs.logInputs(runId, List.of(new DatasetInput(List.of(new InputTag("mlflow.data.context", "training")),
                new Dataset("iris", "abc123", "local", "{\"uri\":\"iris.csv\"}", null, null))));

        Run run = runs.get(runId);
        assertThat(run.info().runName()).isEqualTo("first");
        assertThat(run.info().status()).isEqualTo("RUNNING");
        assertThat(run.info().artifactUri()).startsWith("mlflow-artifacts:/" + experimentId + "/" + runId);
        assertThat(run.data().metrics()).contains(new Metric("acc", 0.9, 3000L, 0L));
        assertThat(run.data().metrics()).filteredOn(m -> m.key().equals("loss"))
                .singleElement().satisfies(m -> assertThat(m.value()).isNaN());
        assertThat(run.data().params()).containsExactlyInAnyOrder(new Param("lr", "0.01"), new Param("depth", "4"));
        assertThat(run.data().tags()).contains(new RunTag("stage", "dev"), new RunTag("kind", "tree"));
        assertThat(run.inputs().datasetInputs()).singleElement()
                .satisfies(input -> assertThat(input.dataset().name()).isEqualTo("iris"));
        assertThat(runs.metricHistory(runId, "loss")).extracting(Metric::step).containsExactly(1L, 2L);
    }

    @Test
    void changing_a_param_is_rejected_and_deleting_a_tag_removes_it() {
        String runId = newRun("params").info().runId();
        runs.logParam(runId, "lr", "0.01");
        runs.logParam(runId, "lr", "0.01");
        assertThatThrownBy(() -> runs.logParam(runId, "lr", "0.02"))
                .isInstanceOfSatisfying(MlforgeClientException.class,
                        e -> assertThat(e.is(ErrorCode.INVALID_PARAMETER_VALUE)).isTrue());

        runs.setTag(runId, "temp", "x");
        runs.deleteTag(runId, "temp");
        assertThat(runs.get(runId).data().tags()).extracting(RunTag::key).doesNotContain("temp");
    }

    @Test
    void terminates_deletes_and_restores_a_run() {
        String runId = newRun("lifecycle").info().runId();
        RunInfo ended = runs.terminate(runId, "FINISHED", 1_700_000_100_000L);
        assertThat(ended.status()).isEqualTo("FINISHED");
        assertThat(ended.endTime()).isEqualTo(1_700_000_100_000L);

        runs.delete(runId);
        assertThat(runs.get(runId).info().lifecycleStage()).isEqualTo("deleted");
        runs.restore(runId);
        assertThat(runs.get(runId).info().lifecycleStage()).isEqualTo("active");
    }

    @Test
    void unknown_run_fails_with_resource_does_not_exist() {
        assertThatThrownBy(() -> runs.get("0123456789abcdef0123456789abcdef"))
                .isInstanceOfSatisfying(MlforgeClientException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.getMessage()).startsWith("RESOURCE_DOES_NOT_EXIST: ")
                            .contains("0123456789abcdef0123456789abcdef");
                });
    }

    @Test
    void searches_runs_with_filter_order_and_walks_all_pages() {
        IntStream.range(0, 5).forEach(i -> {
            String runId = newRun("r" + i).info().runId();
            runs.logMetric(runId, "rmse", i, 1000L, 0);
        });
        SearchRunsResponse page = runs.search(new SearchRunsRequest(List.of(experimentId), "metrics.rmse < 3", null, 2,
                List.of("metrics.rmse DESC"), null));
        assertThat(page.runs()).extracting(run -> run.info().runName()).containsExactly("r2", "r1");
        assertThat(page.nextPageToken()).isNotBlank();

        List<String> all = runs.searchAll(new SearchRunsRequest(List.of(experimentId), "metrics.rmse < 3", null, 2,
                List.of("metrics.rmse DESC"), null)).map(run -> run.info().runName()).toList();
        assertThat(all).containsExactly("r2", "r1", "r0");
    }
}
