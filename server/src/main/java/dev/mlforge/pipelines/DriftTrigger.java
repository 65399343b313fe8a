package dev.mlforge.pipelines;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.events.EventBus;
import dev.mlforge.events.DriftDetected;
import dev.mlforge.store.Database;
import dev.mlforge.store.WorkspaceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a deployment's retraining pipeline when drift is detected on it, since monitors signal drift on every run
 * while it persists. A signal is dropped while a retraining of the deployment runs (it already reacts to the drift),
 * within the cooldown after the last retraining it started ({@code pipelines.drift-retrain-cooldown-seconds}), and
 * when nothing changed since then: same reference data and no newer prediction (retraining would rebuild the same
 * model). The last retraining per deployment is remembered in memory, so a restart forgets it.
 */
public final class DriftTrigger {
    private static final Logger log = LoggerFactory.getLogger(DriftTrigger.class);

    private final ScheduleStore store;
    private final PipelineService service;
    private final Function<String, PipelineDefinition> validator;
    private final Clock clock;
    private final Duration cooldown;
    private final WorkspaceContext workspace;
    private final Map<String, Retraining> lastRetraining = new HashMap<>();

    /** What the last retraining of a deployment was started on. */
    private record Retraining(Instant startedAt, String reference, Instant newestPrediction) {}

    DriftTrigger(ScheduleStore store, PipelineService service, Function<String, PipelineDefinition> validator, Clock clock,
            Duration cooldown, WorkspaceContext workspace) {
        this.store = store;
        this.workspace = workspace;
        this.service = service;
        this.validator = validator;
        this.clock = clock;
        this.cooldown = cooldown;
    }

    /** A trigger with the default cooldown ({@link PipelinesConfig#DEFAULT_DRIFT_RETRAIN_COOLDOWN}). */
    public static DriftTrigger create(Database database, PipelineService service, PipelineRunner runner, Clock clock) {
        return create(database, service, runner, clock, PipelinesConfig.DEFAULT_DRIFT_RETRAIN_COOLDOWN);
    }

    public static DriftTrigger create(Database database, PipelineService service, PipelineRunner runner, Clock clock,
            Duration cooldown) {
        return new DriftTrigger(new JdbiScheduleStore(database), service, yaml -> runner.parse(yaml, Map.of()), clock, cooldown,
                database.workspace());
    }

    /** Subscribes to monitoring's {@link DriftDetected} events; close the result to stop. */
    public AutoCloseable subscribeTo(EventBus events) {
        return events.subscribe(DriftDetected.class, this::onDrift);
    }

    public RetrainTrigger register(String deployment, String yaml, Map<String, String> params) {
        if (deployment == null || deployment.isBlank()) {
            throw MlforgeException.invalidParameter("A drift trigger needs the deployment name");
        }
        if (yaml == null || yaml.isBlank()) {
            throw MlforgeException.invalidParameter("The drift trigger of '" + deployment + "' needs a pipeline definition");
        }
        validator.apply(yaml);
        RetrainTrigger trigger = new RetrainTrigger(deployment, yaml, params, clock.instant());
        store.saveTrigger(trigger);
        return trigger;
    }

    public List<RetrainTrigger> triggers() {
        return store.triggers();
    }

    /** Same reference and no newer prediction; unknown when the signal does not say (then something may have changed). */
    private static boolean nothingChanged(Retraining last, DriftDetected signal) {
        return signal.reference() != null && signal.newestPrediction() != null && last.newestPrediction() != null
                && signal.reference().equals(last.reference()) && !signal.newestPrediction().isAfter(last.newestPrediction());
    }

    public synchronized void unregister(String deployment) {
        lastRetraining.remove(deployment);
        if (!store.deleteTrigger(deployment)) {
            throw MlforgeException.notFound("No drift trigger for deployment '" + deployment + "'");
        }
    }

    /** Starts the retraining run for a drift event; returns its run id, or null when nothing was started. */
    synchronized String onDrift(DriftDetected signal) {
        RetrainTrigger trigger = store.trigger(signal.deployment()).orElse(null);
        if (trigger == null) {
            log.info("Drift on deployment {} has no retraining pipeline", signal.deployment());
            return null;
        }
        String triggerName = "drift:" + signal.deployment();
        if (service.hasRunning(triggerName)) {
            log.info("Drift on deployment {}: retraining already running", signal.deployment());
            return null;
        }
        Instant now = clock.instant();
        Retraining last = lastRetraining.get(signal.deployment());
        if (last != null && now.isBefore(last.startedAt().plus(cooldown))) {
            log.info("Drift on deployment {}: no retraining before {} (cooldown after the last one)", signal.deployment(),
                    last.startedAt().plus(cooldown));
            return null;
        }
        if (last != null && nothingChanged(last, signal)) {
            log.info("Drift on deployment {}: no retraining, nothing changed since the last one (same reference {}, "
                    + "no prediction after {})", signal.deployment(), signal.reference(), last.newestPrediction());
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>(trigger.params());
        // the run lives, and its steps work, in the workspace of the deployment that drifted
        String runId = workspace.in(store.workspaceOfTrigger(signal.deployment()),
                () -> service.submit(trigger.definition(), params, triggerName));
        lastRetraining.put(signal.deployment(), new Retraining(now, signal.reference(), signal.newestPrediction()));
        log.info("Drift on deployment {} (share {}, columns {}) started retraining run {}", signal.deployment(),
                signal.driftShare(), signal.driftedColumns(), runId);
        return runId;
    }
}
