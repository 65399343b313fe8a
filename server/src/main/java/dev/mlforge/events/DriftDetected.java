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
 */
public record DriftDetected(String monitorId, String deployment, double driftShare, List<String> driftedColumns,
        Instant time) implements Event {}
