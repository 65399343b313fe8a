package dev.mlforge.monitoring.alerts;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes every notification to the server log (WARN when firing, INFO when resolved) and records it as delivered. */
final class LogNotifier implements AlertNotifier {
    private static final Logger log = LoggerFactory.getLogger(LogNotifier.class);

    private final AlertStore store;
    private final Clock clock;

    LogNotifier(AlertStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void send(Notification notification) {
        Alert alert = notification.alert();
        String message = "Alert {} {}: rule '{}' ({} {} {}) on deployment {}, value {}";
        Object[] arguments = {alert.id(), notification.event(), alert.ruleName(), alert.metric(),
                notification.rule().comparator().symbol(), alert.threshold(), alert.deployment(), alert.value()};
        if (alert.state() == Alert.State.FIRING) {
            log.warn(message, arguments);
        } else {
            log.info(message, arguments);
        }
        store.insertDelivery(new Delivery(0, alert.id(), "log", notification.event(), 1, true, null, null, clock.instant()));
    }
}
