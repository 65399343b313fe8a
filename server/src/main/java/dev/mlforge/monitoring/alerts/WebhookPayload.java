package dev.mlforge.monitoring.alerts;

import java.time.Instant;

/** The JSON body POSTed to a webhook (snake_case field names). */
record WebhookPayload(String event, String alertId, String ruleId, String ruleName, String deployment, String metric,
        String comparator, double threshold, double value, Instant firedAt, Instant resolvedAt) {

    static WebhookPayload of(Notification notification) {
        Alert alert = notification.alert();
        return new WebhookPayload(notification.event(), alert.id(), alert.ruleId(), alert.ruleName(), alert.deployment(),
                alert.metric(), notification.rule().comparator().symbol(), alert.threshold(), alert.value(),
                alert.firedAt(), alert.resolvedAt());
    }
}
