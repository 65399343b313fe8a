package dev.mlforge.events;

import dev.mlforge.concurrent.DaemonThreads;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events in publication order on one background thread, so that a slow subscriber never
 * slows a publisher and a failing one never breaks the others. {@link #close()} drains pending events.
 */
public final class InProcessEventBus implements EventBus {
    private static final Logger log = LoggerFactory.getLogger(InProcessEventBus.class);

    private record Subscription(Class<? extends Event> type, Consumer<Event> listener) {}

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(DaemonThreads.named("mlforge-events"));

    @Override
    public void publish(Event event) {
        if (executor.isShutdown()) {
            log.warn("Event bus closed; dropped {}", event);
            return;
        }
        executor.execute(() -> deliver(event));
    }

    private void deliver(Event event) {
        for (Subscription subscription : subscriptions) {
            if (subscription.type().isInstance(event)) {
                try {
                    subscription.listener().accept(event);
                } catch (RuntimeException e) {
                    log.error("Subscriber of {} failed on {}", subscription.type().getSimpleName(), event, e);
                }
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E extends Event> AutoCloseable subscribe(Class<E> type, Consumer<? super E> listener) {
        Subscription subscription = new Subscription(type, event -> listener.accept((E) event));
        subscriptions.add(subscription);
        return () -> subscriptions.remove(subscription);
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Event bus did not drain within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
