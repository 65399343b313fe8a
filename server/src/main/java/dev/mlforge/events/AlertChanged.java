package dev.mlforge.events;

import java.time.Instant;

/**
 * An alert rule started firing or resolved for a deployment. Published once per change (the rule's deduplication
 * holds), after the alert is stored and before its notifications go out.
 *
 * @param alertId    the stored alert ({@code GET /api/v1/alerts})
 * @param rule       the rule's name
 * @param deployment the deployment the rule watched
 * @param metric     the monitored value, e.g. {@code drift_share}
 * @param state      {@code firing} or {@code resolved}
 * @param value      the value that caused the change
 * @param threshold  the rule's threshold
 */
public record AlertChanged(String alertId, String rule, String deployment, String metric, String state, double value,
        double threshold, Instant time) implements Event {}
