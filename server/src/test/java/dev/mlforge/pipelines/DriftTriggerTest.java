package dev.mlforge.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlforge.cluster.Cluster;
import dev.mlforge.events.DriftDetected;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repeated-retraining probe: a monitor signals drift on every run while it persists, and the trigger must start a
 * retraining only when none runs, the cooldown is over, and something changed (reference or newer predictions).
 * Time is an injected clock: the application has one clock of its own, so the service and trigger under test are
 * built on the real application's database and pipeline runner with this test's clock.
 */
class DriftTriggerTest {
    private static final Duration COOLDOWN = Duration.ofMinutes(10);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    @TempDir
    Path tmp;
    private final MutableClock clock = new MutableClock(T0);
    private PipelineService service;
    private DriftTrigger trigger;
    private String gateKey;
    private CountDownLatch gate;

    @BeforeEach
    void setUp() {
        var application = server.application();
        service = PipelineService.create(application.database(), application.pipelineRunner(), tmp, clock, 2,
                Cluster.single("local"), application.events());
        trigger = DriftTrigger.create(application.database(), service, application.pipelineRunner(), clock, COOLDOWN);
        gateKey = "retrain-" + System.nanoTime();
        gate = TestSteps.GATES.computeIfAbsent(gateKey, key -> new CountDownLatch(1));
        trigger.register("wine", "name: retrain\nsteps:\n  - {name: wait, uses: dev.mlforge.pipelines.TestSteps$Gate, cache: false, "
                + "with: {key: " + gateKey + "}}\n", Map.of());
    }

    @AfterEach
    void tearDown() {
        gate.countDown();
        // A retrain a test started last may still be writing into the temporary folder: let it end first.
        await().atMost(Duration.ofSeconds(30)).until(() -> service.runs("retrain", 100).stream()
                .noneMatch(run -> run.status() == PipelineStatus.RUNNING));
        service.close();
    }

    private static DriftDetected drift(String reference, Instant newestPrediction) {
        return new DriftDetected("m1", "wine", 0.8, List.of("proline"), newestPrediction, reference, newestPrediction);
    }

    private void awaitFinished(String runId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> service.run(runId).status() != PipelineStatus.RUNNING);
    }

    @Test
    void no_retraining_starts_while_one_is_running_even_with_new_data_after_the_cooldown() {
        String first = trigger.onDrift(drift("dataset wine v1", T0));
        assertThat(first).isNotNull();

        clock.advance(COOLDOWN.plusMinutes(1));
        assertThat(trigger.onDrift(drift("dataset wine v1", T0.plusSeconds(600)))).isNull();

        gate.countDown();
        awaitFinished(first);
        assertThat(trigger.onDrift(drift("dataset wine v1", T0.plusSeconds(600)))).isNotNull();
    }

    @Test
    void persisting_drift_on_the_same_data_retrains_once() {
        String first = trigger.onDrift(drift("dataset wine v1", T0));
        gate.countDown();
        awaitFinished(first);

        clock.advance(Duration.ofSeconds(20));
        assertThat(trigger.onDrift(drift("dataset wine v1", T0))).as("within the cooldown").isNull();
        clock.advance(COOLDOWN);
        assertThat(trigger.onDrift(drift("dataset wine v1", T0))).as("after the cooldown, nothing changed").isNull();

        assertThat(service.runs(null, 10)).hasSize(1);
    }

    @Test
    void new_predictions_or_a_new_reference_retrain_again_once_the_cooldown_is_over() {
        String first = trigger.onDrift(drift("dataset wine v1", T0));
        gate.countDown();
        awaitFinished(first);

        clock.advance(COOLDOWN.minusSeconds(1));
        assertThat(trigger.onDrift(drift("dataset wine v1", T0.plusSeconds(5)))).as("new data, but within the cooldown").isNull();
        clock.advance(Duration.ofSeconds(1));
        String second = trigger.onDrift(drift("dataset wine v1", T0.plusSeconds(5)));
        assertThat(second).as("new data after the cooldown").isNotNull();
        awaitFinished(second);

        clock.advance(COOLDOWN);
        assertThat(trigger.onDrift(drift("dataset wine v2", T0.plusSeconds(5)))).as("a new reference").isNotNull();
        assertThat(service.runs(null, 10)).hasSize(3).allSatisfy(run -> assertThat(run.trigger()).isEqualTo("drift:wine"));
    }

    @Test
    void signals_that_do_not_say_which_data_they_saw_still_respect_the_cooldown() {
        String first = trigger.onDrift(new DriftDetected("m1", "wine", 0.8, List.of("proline"), T0));
        gate.countDown();
        awaitFinished(first);

        assertThat(trigger.onDrift(new DriftDetected("m1", "wine", 0.8, List.of("proline"), T0))).isNull();
        clock.advance(COOLDOWN);
        assertThat(trigger.onDrift(new DriftDetected("m1", "wine", 0.8, List.of("proline"), T0))).isNotNull();
    }
}
