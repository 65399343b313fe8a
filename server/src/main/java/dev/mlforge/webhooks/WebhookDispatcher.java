package dev.mlforge.webhooks;

import dev.mlforge.events.Event;
import dev.mlforge.events.EventBus;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each registry event on the bus to the ACTIVE webhooks subscribed to it, as MLflow's handlers call
 * {@code deliver_webhook} after each registry change. It runs on the bus thread and only starts deliveries (they are
 * asynchronous), so a slow receiver never holds up other subscribers.
 */
final class WebhookDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final EventBus events;
    private final Payloads payloads;
    private final WebhookStore store;
    private final WebhookSender sender;
    private AutoCloseable subscription;

    WebhookDispatcher(EventBus events, Payloads payloads, WebhookStore store, WebhookSender sender) {
        this.events = events;
        this.payloads = payloads;
        this.store = store;
        this.sender = sender;
    }

    void start() {
        subscription = events.subscribe(Event.class, this::dispatch);
    }

    private void dispatch(Event event) {
        if (!store.anyActive()) {
            return; // no lookups (is it a prompt?) when nobody listens
        }
        Optional<Notice> notice = payloads.of(event);
        notice.ifPresent(found -> store.activeFor(found.type()).forEach(webhook -> {
            log.debug("Delivering {} to webhook {}", found.type(), webhook.id());
            sender.deliver(webhook, found, false);
        }));
    }

    @Override
    public void close() {
        try {
            if (subscription != null) {
                subscription.close();
            }
        } catch (Exception e) {
            log.warn("Cannot unsubscribe webhooks from the event bus", e);
        }
    }
}
