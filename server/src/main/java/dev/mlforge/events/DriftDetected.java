package dev.mlforge.events;

import java.time.Instant;
import java.util.List;

/**
 * A monitor found dataset drift on a deployment's recent predictions; pipelines subscribe to it to start retraining.
 *
 * @param monitorId      the monitor that ran
 * @param deployment     the deployment's name
 * @param driftShare     the share of drifted columns
 * @param driftedColumns the names of the drifted columns
 * @param reference      the monitor's reference data ({@code dataset wine v2}); null when unknown
 * @param newestPrediction the time of the newest prediction in the monitored window; null when unknown. With the
 *                       reference, it tells a retraining trigger whether anything changed since its last retraining.
 */
public record DriftDetected(String monitorId, String deployment, double driftShare, List<String> driftedColumns,
        Instant time, String reference, Instant newestPrediction) implements Event {

    /** A signal that does not say which data it saw. */
    public DriftDetected(String monitorId, String deployment, double driftShare, List<String> driftedColumns, Instant time) {
        this(monitorId, deployment, driftShare, driftedColumns, time, null, null);
    }
}
