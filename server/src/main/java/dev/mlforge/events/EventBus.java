package dev.mlforge.events;

import java.util.function.Consumer;

/**
 * Publishes platform events to subscribers. The default is in-process; the interface lets a Kafka
 * implementation plug in without touching publishers or subscribers.
 */
public interface EventBus extends AutoCloseable {
    void publish(Event event);

    /** Subscribes to events of {@code type} and its subtypes; close the subscription to stop. */
    <E extends Event> AutoCloseable subscribe(Class<E> type, Consumer<? super E> listener);

    /**
     * Starts delivering to the subscribers; the application calls it once every feature has subscribed, so a bus
     * that replays stored events (Kafka) hands none to only some of them. The in-process bus delivers at once.
     */
    default void start() {}

    @Override
    void close();
}
