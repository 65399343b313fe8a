package dev.mlforge.pipelines;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.events.EventBus;
import dev.mlforge.events.DriftDetected;
import dev.mlforge.store.Database;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a deployment's retraining pipeline when drift is detected on it. At most one retraining per deployment
 * runs at a time: signals arriving while one runs are dropped (the running one already reacts to the drift).
 */
public final class DriftTrigger {
    private static final Logger log = LoggerFactory.getLogger(DriftTrigger.class);

    private final ScheduleStore store;
    private final PipelineService service;
    private final Function<String, PipelineDefinition> validator;
    private final Clock clock;

    DriftTrigger(ScheduleStore store, PipelineService service, Function<String, PipelineDefinition> validator, Clock clock) {
        this.store = store;
        this.service = service;
        this.validator = validator;
        this.clock = clock;
    }

    public static DriftTrigger create(Database database, PipelineService service, PipelineRunner runner, Clock clock) {
        return new DriftTrigger(new JdbiScheduleStore(database), service, yaml -> runner.parse(yaml, Map.of()), clock);
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

    public void unregister(String deployment) {
        if (!store.deleteTrigger(deployment)) {
            throw MlforgeException.notFound("No drift trigger for deployment '" + deployment + "'");
        }
    }

    /** Starts the retraining run for a drift event; returns its run id, or null when nothing was started. */
    String onDrift(DriftDetected signal) {
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
        Map<String, String> params = new LinkedHashMap<>(trigger.params());
        String runId = service.submit(trigger.definition(), params, triggerName);
        log.info("Drift on deployment {} (share {}, columns {}) started retraining run {}", signal.deployment(),
                signal.driftShare(), signal.driftedColumns(), runId);
        return runId;
    }
}
