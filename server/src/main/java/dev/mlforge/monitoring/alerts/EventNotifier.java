package dev.mlforge.monitoring.alerts;

import dev.mlforge.events.AlertChanged;
import dev.mlforge.events.EventBus;

/** Tells the event bus (and so Kafka consumers and other servers' subscribers) that an alert fired or resolved. */
final class EventNotifier implements AlertNotifier {
    private final EventBus events;

    EventNotifier(EventBus events) {
        this.events = events;
    }

    @Override
    public void send(Notification notification) {
        Alert alert = notification.alert();
        events.publish(new AlertChanged(alert.id(), alert.ruleName(), alert.deployment(), alert.metric(),
                notification.event(), alert.value(), alert.threshold(),
                alert.state() == Alert.State.RESOLVED ? alert.resolvedAt() : alert.firedAt()));
    }
}
