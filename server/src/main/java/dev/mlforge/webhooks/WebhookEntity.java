package dev.mlforge.webhooks;

import java.util.List;

/**
 * A webhook as stored: where to POST which events, and the secret deliveries are signed with (null when unsigned).
 * The secret never leaves the server: it is not part of the wire form, nor of {@link #toString()}.
 */
record WebhookEntity(String id, String name, String description, String url, List<EventType> events,
        WebhookStatus status, String secret, long creationTimestamp, long lastUpdatedTimestamp) {

    WebhookEntity {
        events = events.stream().distinct().sorted(EventType.ORDER).toList();
    }

    boolean subscribes(EventType type) {
        return status == WebhookStatus.ACTIVE && events.contains(type);
    }

    @Override
    public String toString() {
        return "Webhook[" + id + " " + name + " " + url + " " + status + " " + events + (secret == null ? "" : " signed") + "]";
    }
}
