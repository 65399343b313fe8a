package dev.mlforge.monitoring.alerts;

import java.time.Instant;

/**
 * One firing of a rule for a deployment, resolved when the rule stops holding.
 *
 * @param value the monitored value when the alert fired, then when it resolved
 */
public record Alert(String id, String ruleId, String ruleName, String deployment, String metric, State state,
        double value, double threshold, Instant firedAt, Instant resolvedAt) {

    /** An alert fires once when its rule holds long enough, and resolves once when it stops holding. */
    public enum State { FIRING, RESOLVED }

    Alert resolved(double newValue, Instant at) {
        return new Alert(id, ruleId, ruleName, deployment, metric, State.RESOLVED, newValue, threshold, firedAt, at);
    }
}
