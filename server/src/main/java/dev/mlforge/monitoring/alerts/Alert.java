package dev.mlforge.monitoring.alerts;

import java.time.Instant;

/**
 * One firing of a rule for a deployment, resolved when the rule stops holding.
 *
 * @param value the monitored value when the alert fired, then when it resolved
 */
public record Alert(String id, String ruleId, String ruleName, String deployment, String metric, AlertState state,
        double value, double threshold, Instant firedAt, Instant resolvedAt) {

    Alert resolved(double newValue, Instant at) {
        return new Alert(id, ruleId, ruleName, deployment, metric, AlertState.RESOLVED, newValue, threshold, firedAt, at);
    }
}
