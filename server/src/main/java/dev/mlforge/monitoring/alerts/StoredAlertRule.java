package dev.mlforge.monitoring.alerts;

import java.time.Instant;

/**
 * An alert rule as the platform keeps it: the {@link AlertRule} evaluated by {@link AlertEvaluator}, plus its id,
 * the deployment it watches and where to notify. It fires when {@code metric comparator threshold} holds for
 * {@code forWindows} monitor runs in a row.
 *
 * @param metric     a monitored value: {@code drift_share}, {@code dataset_drift}, {@code drifted_columns},
 *                   {@code column_drift:<col>} (1 when drifted), {@code column_drift_score:<col>}, or a performance
 *                   metric ({@code accuracy}, {@code f1}, {@code roc_auc}, {@code rmse}, ...)
 * @param deployment the only deployment the rule watches; null for all
 * @param webhookUrl where firing and resolved notifications are POSTed; null to notify by log only
 */
public record StoredAlertRule(String id, String name, String metric, Comparator comparator, double threshold,
        int forWindows, String deployment, String webhookUrl, Instant createdAt) {

    boolean appliesTo(String candidate) {
        return deployment == null || deployment.equals(candidate);
    }

    /** The rule as the evaluator sees it. */
    AlertRule evaluated() {
        return new AlertRule(name, metric, comparator, threshold, forWindows);
    }
}
