package dev.mlforge.pipelines;

import dev.mlforge.events.Event;
import java.time.Instant;
import java.util.Map;

/**
 * Something observed about a deployment that may call for action, e.g. {@code kind = "drift_detected"} with the
 * drifted features in {@code details}. Monitoring publishes it (or an adapter turns monitoring's own drift event
 * into it); {@link DriftTrigger} starts the deployment's retraining pipeline.
 */
public record DeploymentSignal(String deployment, String kind, Map<String, String> details, Instant time) implements Event {
    public static final String DRIFT_DETECTED = "drift_detected";

    public DeploymentSignal {
        details = Map.copyOf(details);
    }
}
