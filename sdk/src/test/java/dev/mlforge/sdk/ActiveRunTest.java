package dev.mlforge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.tracking.Metric;
import dev.mlforge.api.tracking.Param;
import dev.mlforge.api.tracking.Run;
import dev.mlforge.api.tracking.RunTag;
import dev.mlforge.api.tracking.SearchRunsRequest;
import dev.mlforge.sdk.testing.ClientExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ActiveRunTest {
    @TempDir
    Path local;
    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();
    private MlforgeClient client;

    @BeforeEach
    void start() {
        client = server.client();
    }

    @Test
    void start_run_creates_the_experiment_and_close_marks_the_run_finished() throws Exception {
        String runId;
        Path file = Files.writeString(local.resolve("notes.txt"), "hello");
        try (ActiveRun run = client.startRun("fluent-exp", "first-run")) {
            runId = run.runId();
            run.logParam("lr", "0.01");
            run.logParams(Map.of("depth", "4"));
            run.setTag("team", "risk");
            run.logMetric("loss", 0.25, 3);
            run.logArtifact(file, "docs");
        }

        Run stored = client.runs().get(runId);
        assertThat(client.experiments().getByName("fluent-exp")).get()
                .satisfies(e -> assertThat(e.experimentId()).isEqualTo(stored.info().experimentId()));
        assertThat(stored.info().status()).isEqualTo("FINISHED");
        assertThat(stored.info().runName()).isEqualTo("first-run");
        assertThat(stored.info().endTime()).isNotNull();
        assertThat(stored.data().params()).containsExactlyInAnyOrder(new Param("lr", "0.01"), new Param("depth", "4"));
        assertThat(stored.data().tags()).contains(new RunTag("team", "risk"));
        assertThat(stored.data().metrics()).singleElement().satisfies(m -> {
            assertThat(m.key()).isEqualTo("loss");
            assertThat(m.value()).isEqualTo(0.25);
            assertThat(m.step()).isEqualTo(3L);
        });
        assertThat(client.artifacts().list(runId, "docs")).extracting(f -> f.path()).containsExactly("docs/notes.txt");
    }

    @Test
    void buffered_metrics_of_a_training_loop_all_reach_the_server_by_close() {
        String runId;
        try (ActiveRun run = client.startRun("loop")) {
            runId = run.runId();
            for (int step = 0; step < 2500; step++) {
                run.logMetric("loss", 1.0 / (step + 1), step);
            }
        }
        List<Metric> history = client.runs().metricHistory(runId, "loss");
        assertThat(history).hasSize(2500);
        assertThat(history).extracting(Metric::step).doesNotHaveDuplicates();
        assertThat(client.runs().get(runId).data().metrics()).singleElement()
                .satisfies(m -> assertThat(m.step()).isEqualTo(2499L));
    }

    @Test
    void metrics_are_sent_in_the_background_before_close() throws Exception {
        try (ActiveRun run = client.startRun("background")) {
            run.logMetric("acc", 0.5, 1);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (client.runs().metricHistory(run.runId(), "acc").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(client.runs().metricHistory(run.runId(), "acc")).hasSize(1);
            assertThat(client.runs().get(run.runId()).info().status()).isEqualTo("RUNNING");
        }
    }

    @Test
    void flush_surfaces_a_rejected_metric_batch_and_close_still_ends_the_run() {
        ActiveRun run = client.startRun("bad-metrics");
        run.logMetric("bad!key", 1.0, 0);
        assertThatThrownBy(run::flush)
                .isInstanceOfSatisfying(MlforgeClientException.class, e -> {
                    assertThat(e.is(ErrorCode.INVALID_PARAMETER_VALUE)).isTrue();
                    assertThat(e.getMessage()).contains("logging metrics of run " + run.runId());
                });
        assertThatThrownBy(run::close).isInstanceOf(MlforgeClientException.class);
        assertThat(client.runs().get(run.runId()).info().status()).isEqualTo("FINISHED");
    }

    @Test
    void run_with_a_throwing_action_is_marked_failed_and_rethrows() {
        assertThatThrownBy(() -> client.run("failing", run -> {
            run.logMetric("loss", 9.0, 0);
            throw new IllegalStateException("diverged");
        })).isInstanceOf(IllegalStateException.class).hasMessage("diverged");

        Run failed = onlyRunOf("failing");
        assertThat(failed.info().status()).isEqualTo("FAILED");
        assertThat(failed.data().metrics()).extracting(Metric::key).containsExactly("loss");
    }

    @Test
    void run_wraps_a_checked_exception_and_marks_the_run_failed() {
        assertThatThrownBy(() -> client.run("checked", run -> {
            throw new IOException("disk full");
        })).isInstanceOf(CompletionException.class).hasRootCauseMessage("disk full");
        assertThat(onlyRunOf("checked").info().status()).isEqualTo("FAILED");
    }

    @Test
    void run_with_a_successful_action_returns_the_finished_run_id() {
        String runId = client.run("ok", run -> run.logMetric("auc", 0.9));
        assertThat(client.runs().get(runId).info().status()).isEqualTo("FINISHED");
    }

    @Test
    void metrics_of_one_step_share_a_timestamp_and_logging_after_close_is_refused() {
        ActiveRun run = client.startRun("after-close");
        run.logMetrics(Map.of("precision", 0.8, "recall", 0.6), 4);
        run.close();

        assertThat(client.runs().get(run.runId()).data().metrics()).hasSize(2)
                .allSatisfy(m -> assertThat(m.step()).isEqualTo(4L))
                .extracting(Metric::timestamp).containsOnly(client.runs().get(run.runId()).data().metrics().get(0).timestamp());
        assertThatThrownBy(() -> run.logMetric("late", 1.0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void explicit_fail_in_try_with_resources_marks_the_run_failed() {
        String runId;
        try (ActiveRun run = client.startRun("explicit")) {
            runId = run.runId();
            run.fail(new RuntimeException("bad data"));
        }
        assertThat(client.runs().get(runId).info().status()).isEqualTo("FAILED");
    }

    @Test
    void child_runs_carry_the_parent_run_id_tag() {
        String parentId;
        String childId;
        try (ActiveRun parent = client.startRun("sweep")) {
            parentId = parent.runId();
            try (ActiveRun child = parent.startChild("trial-1")) {
                childId = child.runId();
                child.logMetric("loss", 0.1);
            }
        }
        Run child = client.runs().get(childId);
        assertThat(child.data().tags()).contains(new RunTag(ActiveRun.PARENT_RUN_ID_TAG, parentId));
        assertThat(child.info().experimentId()).isEqualTo(client.runs().get(parentId).info().experimentId());
        assertThat(child.info().runName()).isEqualTo("trial-1");
        assertThat(child.info().status()).isEqualTo("FINISHED");
    }

    private Run onlyRunOf(String experimentName) {
        String experimentId = client.experiments().getByName(experimentName).orElseThrow().experimentId();
        List<Run> runs = client.runs().searchAll(new SearchRunsRequest(List.of(experimentId), null, null, null, null, null))
                .toList();
        assertThat(runs).hasSize(1);
        return runs.get(0);
    }
}
