package dev.mlforge.monitoring.monitors;

import java.time.Instant;
import java.util.Map;

/**
 * One run of a monitor: the window it read, the drift report, and quality metrics from the labelled predictions
 * (overall and per model version; empty without a task or labels).
 */
public record MonitorResult(long id, String monitorId, String deployment, Instant time, int referenceRows,
        int currentRows, int labelledRows, StoredDriftReport drift, Map<String, Double> performance,
        Map<String, Map<String, Double>> performanceByVersion) {

    MonitorResult withId(long newId) {
        return new MonitorResult(newId, monitorId, deployment, time, referenceRows, currentRows, labelledRows, drift,
                performance, performanceByVersion);
    }
}
