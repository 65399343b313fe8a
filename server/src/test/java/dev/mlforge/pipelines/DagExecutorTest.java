package dev.mlforge.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.Folders;
import dev.mlforge.tracking.RunEntity;
import dev.mlforge.tracking.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DagExecutorTest {
    private static final String STEPS = "dev.mlforge.pipelines.TestSteps$";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite().withConfig("pipelines.step-parallelism", "4");
    /** A second application with a narrower step pool, booted only by the test that uses it. */
    @RegisterExtension
    final ApplicationExtension narrowServer = ApplicationExtension.sqlite().startOnFirstUse()
            .withConfig("pipelines.step-parallelism", "2");
    @TempDir
    Path tmp;
    private PipelineHarness harness;
    private final String key = UUID.randomUUID().toString();

    @BeforeEach
    void setUp() {
        harness = new PipelineHarness(server, tmp);
    }

    @Test
    void independent_steps_run_at_the_same_time() {
        String yaml = """
                name: parallel
                steps:
                  - {name: left, uses: %1$sRendezvous, with: {key: %2$s, parties: 2}}
                  - {name: right, uses: %1$sRendezvous, with: {key: %2$s, parties: 2}}
                """.formatted(STEPS, key);

        PipelineRunResult result = harness.run(yaml);

        // Each step waits at a barrier for the other: run one after the other, both would time out and fail.
        assertThat(result.status()).isEqualTo(PipelineStatus.SUCCEEDED);
        assertThat(result.steps()).allMatch(step -> step.state() == StepState.SUCCEEDED);
    }

    @Test
    void the_pool_bounds_how_many_steps_run_at_once() {
        PipelineHarness narrow = new PipelineHarness(narrowServer, tmp);
        TestSteps.MAX_RUNNING.set(0);
        StringBuilder yaml = new StringBuilder("name: bounded\nsteps:\n");
        for (int i = 0; i < 6; i++) {
            yaml.append("  - {name: s").append(i).append(", uses: ").append(STEPS).append("Write, cache: false, with: {sleep_ms: 150, key: ")
                    .append(key).append("}}\n");
        }

        PipelineRunResult result = narrow.run(yaml.toString());

        assertThat(result.status()).isEqualTo(PipelineStatus.SUCCEEDED);
        assertThat(TestSteps.executions(key)).isEqualTo(6);
        assertThat(TestSteps.MAX_RUNNING.get()).isEqualTo(2);
    }

    @Test
    void a_second_identical_run_is_served_from_the_cache() {
        String yaml = chain("first");
        harness.run(yaml);

        PipelineRunResult second = harness.run(yaml);

        assertThat(second.steps()).allMatch(step -> step.state() == StepState.CACHED);
        assertThat(TestSteps.executions(key + "-a")).isEqualTo(1);
        assertThat(TestSteps.executions(key + "-b")).isEqualTo(1);
        assertThat(((StepOutcome.Succeeded) second.step("b")).value("text")).isEqualTo("b+first");
    }

    @Test
    void changing_a_parameter_misses_the_cache_for_that_step_and_its_dependants_only() {
        harness.run(chain("first"));
        String yaml = chain("first").replace("{key: " + key + "-b}", "{key: " + key + "-b, text: changed}");

        PipelineRunResult second = harness.run(yaml);

        assertThat(second.step("a").state()).isEqualTo(StepState.CACHED);
        assertThat(second.step("b").state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(TestSteps.executions(key + "-b")).isEqualTo(2);
    }

    @Test
    void changed_upstream_content_changes_the_digest_and_misses_the_cache() {
        harness.run(chain("first"));

        PipelineRunResult second = harness.run(chain("second"));

        assertThat(second.step("a").state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(second.step("b").state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(((StepOutcome.Succeeded) second.step("b")).value("text")).isEqualTo("b+second");
    }

    @Test
    void a_cache_entry_whose_local_copy_was_deleted_is_restored_from_the_artifact_store() throws Exception {
        PipelineRunResult first = harness.run(chain("first"));
        Path output = Path.of((String) ((StepOutcome.Succeeded) first.step("a")).value("out"));
        String content = Files.readString(output);
        Files.delete(output);

        PipelineRunResult second = harness.run(chain("first"));

        assertThat(second.step("a").state()).isEqualTo(StepState.CACHED);
        assertThat(Files.readString(Path.of((String) ((StepOutcome.Succeeded) second.step("a")).value("out"))))
                .isEqualTo(content);
    }

    @Test
    void a_cache_entry_whose_files_were_deleted_everywhere_is_a_miss() throws Exception {
        PipelineRunResult first = harness.run(chain("first"));
        Files.delete(Path.of((String) ((StepOutcome.Succeeded) first.step("a")).value("out")));
        Folders.delete(server.dataDir().resolve("artifacts").resolve("pipeline-cache"));

        PipelineRunResult second = harness.run(chain("first"));

        assertThat(second.step("a").state()).isEqualTo(StepState.SUCCEEDED);
    }

    @Test
    void a_cache_entry_whose_local_copy_was_changed_is_restored_from_the_artifact_store() throws Exception {
        PipelineRunResult first = harness.run(chain("first"));
        Path output = Path.of((String) ((StepOutcome.Succeeded) first.step("a")).value("out"));
        String content = Files.readString(output);
        Files.writeString(output, "tampered");

        PipelineRunResult second = harness.run(chain("first"));

        assertThat(second.step("a").state()).isEqualTo(StepState.CACHED);
        assertThat(Files.readString(Path.of((String) ((StepOutcome.Succeeded) second.step("a")).value("out"))))
                .isEqualTo(content);
        assertThat(TestSteps.executions(key + "-a")).isEqualTo(1);
    }

    @Test
    void a_cache_entry_changed_in_the_artifact_store_too_is_a_miss_and_runs_again() throws Exception {
        PipelineRunResult first = harness.run(chain("first"));
        Path output = Path.of((String) ((StepOutcome.Succeeded) first.step("a")).value("out"));
        String content = Files.readString(output);
        Files.writeString(output, "tampered");
        try (java.util.stream.Stream<Path> stored = Files.walk(server.dataDir().resolve("artifacts").resolve("pipeline-cache"))) {
            for (Path file : stored.filter(Files::isRegularFile).toList()) {
                Files.writeString(file, "tampered in the store");
            }
        }

        PipelineRunResult second = harness.run(chain("first"));

        assertThat(second.step("a").state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(TestSteps.executions(key + "-a")).isEqualTo(2);
        assertThat(Files.readString(Path.of((String) ((StepOutcome.Succeeded) second.step("a")).value("out"))))
                .isEqualTo(content);
    }

    @Test
    void a_flaky_step_is_retried_with_backoff_until_it_succeeds() {
        String yaml = """
                name: flaky
                steps:
                  - {name: flaky, uses: %sFlaky, retries: 2, retry_backoff_ms: 10, with: {key: %s, failures: 2}}
                """.formatted(STEPS, key);

        PipelineRunResult result = harness.run(yaml);

        assertThat(result.status()).isEqualTo(PipelineStatus.SUCCEEDED);
        assertThat(((StepOutcome.Succeeded) result.step("flaky")).attempts()).isEqualTo(3);
        assertThat(harness.states("flaky")).containsExactly(StepState.PENDING, StepState.RUNNING, StepState.RETRYING,
                StepState.RUNNING, StepState.RETRYING, StepState.RUNNING, StepState.SUCCEEDED);
        assertThat(harness.events.stream().filter(e -> e.state() == StepState.RETRYING).map(StepEvent::message))
                .anyMatch(message -> message.contains("flaky failure 1") && message.contains("retrying in 10 ms"))
                .anyMatch(message -> message.contains("retrying in 20 ms"));
    }

    @Test
    void a_step_that_keeps_failing_fails_after_its_retries() {
        String yaml = """
                name: flaky
                steps:
                  - {name: flaky, uses: %sFlaky, retries: 1, retry_backoff_ms: 1, with: {key: %s, failures: 5}}
                """.formatted(STEPS, key);

        PipelineRunResult result = harness.run(yaml);

        assertThat(result.status()).isEqualTo(PipelineStatus.FAILED);
        StepOutcome.Failed failed = (StepOutcome.Failed) result.step("flaky");
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.error()).contains("flaky failure 2");
    }

    @Test
    void a_step_over_its_timeout_is_stopped_and_fails() {
        String yaml = """
                name: slow
                steps:
                  - {name: slow, uses: %sSlow, timeout_seconds: 1, with: {sleep_ms: 60000}}
                """.formatted(STEPS);

        long start = System.nanoTime();
        PipelineRunResult result = harness.run(yaml);

        assertThat(result.step("slow")).isInstanceOfSatisfying(StepOutcome.Failed.class,
                failed -> assertThat(failed.error()).isEqualTo("timed out after 1 s"));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(30_000);
    }

    @Test
    void a_timed_out_step_is_interrupted_before_any_retry_and_its_outputs_are_not_recorded() throws Exception {
        String key = "loop-" + System.nanoTime();
        String yaml = """
                name: loop
                steps:
                  - {name: loop, uses: %sLoopUntilInterrupted, timeout_seconds: 1, retries: 1, retry_backoff_ms: 0, with: {key: %s}}
                  - {name: after, uses: %sWrite, inputs: {flag: loop.finished}}
                """.formatted(STEPS, key, STEPS);

        PipelineRunResult result = harness.run(yaml);

        assertThat(result.step("loop")).isInstanceOfSatisfying(StepOutcome.Failed.class, failed -> {
            assertThat(failed.error()).isEqualTo("timed out after 1 s");
            assertThat(failed.attempts()).isEqualTo(2);
        });
        // each attempt ended (wind-down included) before the runner went on: no overlap, and nothing computes after
        assertThat(TestSteps.LOOPS_ENDED.get(key)).hasValue(2);
        assertThat(TestSteps.LOOPS_MAX_ACTIVE.get(key)).hasValue(1);
        int iterations = TestSteps.LOOPS.get(key).get();
        Thread.sleep(300);
        assertThat(TestSteps.LOOPS.get(key).get()).isEqualTo(iterations);
        // the outputs it returned once interrupted were recorded nowhere: no success, no cache entry, dependants skipped
        assertThat(harness.states("loop")).doesNotContain(StepState.SUCCEEDED, StepState.CACHED);
        assertThat(result.step("after")).isInstanceOf(StepOutcome.Skipped.class);
        String cacheKey = StepRunner.cacheKey(harness.runner().parse(yaml, java.util.Map.of()).step("loop"), java.util.Map.of());
        assertThat(new JdbiStepCache(server.application().database(), java.time.Clock.systemUTC()).find(cacheKey)).isEmpty();
    }

    @Test
    void a_failed_step_skips_its_dependants_and_keeps_the_other_branches() {
        String yaml = """
                name: isolation
                steps:
                  - {name: root, uses: %1$sWrite, cache: false}
                  - {name: broken, uses: %1$sBroken, inputs: {in: root.out}}
                  - {name: after_broken, uses: %1$sWrite, cache: false, inputs: {in: broken.out}}
                  - {name: after_after, uses: %1$sWrite, cache: false, depends_on: [after_broken]}
                  - {name: sibling, uses: %1$sWrite, cache: false, inputs: {in: root.out}}
                """.formatted(STEPS);

        PipelineRunResult result = harness.run(yaml);

        assertThat(result.status()).isEqualTo(PipelineStatus.FAILED);
        assertThat(result.step("broken").state()).isEqualTo(StepState.FAILED);
        assertThat(result.step("after_broken")).isInstanceOfSatisfying(StepOutcome.Skipped.class,
                skipped -> assertThat(skipped.reason()).isEqualTo("upstream step 'broken' failed"));
        assertThat(result.step("after_after")).isInstanceOfSatisfying(StepOutcome.Skipped.class,
                skipped -> assertThat(skipped.reason()).isEqualTo("upstream step 'after_broken' was skipped"));
        assertThat(result.step("sibling").state()).isEqualTo(StepState.SUCCEEDED);
    }

    @Test
    void a_false_when_condition_skips_the_step_without_failing_the_pipeline() {
        String yaml = """
                name: gated
                steps:
                  - {name: check, uses: %1$sWrite, cache: false, with: {flag: false}}
                  - {name: act, uses: %1$sWrite, cache: false, when: check.flag}
                """.formatted(STEPS);

        PipelineRunResult result = harness.run(yaml);

        assertThat(result.status()).isEqualTo(PipelineStatus.SUCCEEDED);
        assertThat(result.step("act")).isInstanceOfSatisfying(StepOutcome.Skipped.class,
                skipped -> assertThat(skipped.reason()).isEqualTo("condition check.flag is false"));
    }

    @Test
    void each_step_is_a_child_run_of_the_pipeline_run() {
        String yaml = """
                name: tracked
                steps:
                  - {name: ok, uses: %1$sWrite, cache: false}
                  - {name: broken, uses: %1$sBroken}
                """.formatted(STEPS);

        PipelineRunResult result = harness.run(yaml);

        RunEntity parent = harness.trackingRun(result.trackingRunId());
        assertThat(parent.info().status()).isEqualTo(RunStatus.FAILED);
        assertThat(harness.children(result.trackingRunId()))
                .extracting(run -> run.info().runName(), run -> run.info().status())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("ok", RunStatus.FINISHED),
                        org.assertj.core.groups.Tuple.tuple("broken", RunStatus.FAILED));
    }

    @Test
    void a_missing_output_reference_fails_the_consuming_step_with_the_available_outputs() {
        String yaml = """
                name: wiring
                steps:
                  - {name: a, uses: %1$sWrite, cache: false}
                  - {name: b, uses: %1$sWrite, cache: false, inputs: {in: a.nothing}}
                """.formatted(STEPS);

        PipelineRunResult result = harness.run(yaml);

        assertThat(result.step("b")).isInstanceOfSatisfying(StepOutcome.Failed.class, failed -> assertThat(failed.error())
                .isEqualTo("input 'in': step 'a' has no output 'nothing' (it produced [out, text, flag])"));
    }

    private String chain(String text) {
        return """
                name: chain
                steps:
                  - {name: a, uses: %1$sWrite, with: {key: %2$s-a, text: %3$s}}
                  - {name: b, uses: %1$sWrite, inputs: {in: a.out}, with: {key: %2$s-b}}
                """.formatted(STEPS, key, text);
    }
}
