package dev.mlforge.monitoring.alerts;

import dev.mlforge.api.monitoring.AlertInfo;
import dev.mlforge.api.monitoring.AlertRuleInfo;
import dev.mlforge.api.monitoring.AlertWebhookPayload;
import dev.mlforge.api.monitoring.CreateAlertRuleRequest;
import dev.mlforge.api.monitoring.DeliveryInfo;
import java.time.Instant;

/**
 * Translates alert rules, alerts, deliveries and webhook payloads between the domain records and the api-model wire
 * records ({@code dev.mlforge.api.monitoring}); a rule's wire record is also its stored form.
 */
final class AlertWire {
    private AlertWire() {}

    static AlertRuleRequest request(CreateAlertRuleRequest request) {
        return request == null ? null : new AlertRuleRequest(request.name(), request.metric(), request.comparator(),
                request.threshold(), request.forWindows(), request.deployment(), request.webhookUrl());
    }

    static AlertRuleInfo info(StoredAlertRule rule) {
        return new AlertRuleInfo(rule.id(), rule.name(), rule.metric(), rule.comparator().name(), rule.threshold(),
                rule.forWindows(), rule.deployment(), rule.webhookUrl(), instant(rule.createdAt()));
    }

    static StoredAlertRule rule(AlertRuleInfo info) {
        return new StoredAlertRule(info.id(), info.name(), info.metric(), Comparator.valueOf(info.comparator()),
                info.threshold(), info.forWindows(), info.deployment(), info.webhookUrl(), Instant.parse(info.createdAt()));
    }

    static AlertInfo info(Alert alert) {
        return new AlertInfo(alert.id(), alert.ruleId(), alert.ruleName(), alert.deployment(), alert.metric(),
                alert.state().name(), alert.value(), alert.threshold(), instant(alert.firedAt()), instant(alert.resolvedAt()));
    }

    static DeliveryInfo info(Delivery delivery) {
        return new DeliveryInfo(delivery.id(), delivery.alertId(), delivery.channel(), delivery.event(), delivery.attempt(),
                delivery.success(), delivery.statusCode(), delivery.error(), instant(delivery.time()));
    }

    static AlertWebhookPayload payload(Notification notification) {
        Alert alert = notification.alert();
        return new AlertWebhookPayload(notification.event(), alert.id(), alert.ruleId(), alert.ruleName(),
                alert.deployment(), alert.metric(), notification.rule().comparator().symbol(), alert.threshold(),
                alert.value(), instant(alert.firedAt()), instant(alert.resolvedAt()));
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
