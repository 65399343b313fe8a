package dev.mlforge.webhooks;

import dev.mlforge.api.webhooks.Webhook;
import dev.mlforge.api.webhooks.WebhookDelivery;
import dev.mlforge.api.webhooks.WebhookEvent;
import java.util.List;

/** Webhooks between their stored form and MLflow's wire records; the secret is never written. */
final class WebhookWire {
    private WebhookWire() {}

    static Webhook webhook(WebhookEntity webhook) {
        return new Webhook(webhook.id(), webhook.name(), webhook.description(), webhook.url(),
                webhook.events().stream().map(WebhookWire::event).toList(), webhook.status().name(),
                webhook.creationTimestamp(), webhook.lastUpdatedTimestamp());
    }

    static WebhookEvent event(EventType type) {
        return new WebhookEvent(type.entity().name(), type.action().name());
    }

    static EventType event(WebhookEvent event) {
        return EventType.of(event.entity(), event.action());
    }

    static List<EventType> events(List<WebhookEvent> events) {
        return events == null ? List.of() : events.stream().map(WebhookWire::event).toList();
    }

    static WebhookDelivery delivery(DeliveryAttempt attempt) {
        return new WebhookDelivery(attempt.deliveryId(), attempt.webhookId(), event(attempt.event()), attempt.attempt(),
                attempt.timeMs(), attempt.success(), attempt.responseStatus(), attempt.error(), attempt.test());
    }
}
