package dev.mlforge.events;

import java.util.function.Consumer;

/**
 * Publishes platform events to subscribers. The default is in-process; the interface lets a Kafka
 * implementation plug in without touching publishers or subscribers.
 */
public interface EventBus extends AutoCloseable {
    void publish(Event event);

    /**
     * Subscribes to events of {@code type} and its subtypes; close the subscription to stop. With several servers on
     * a shared bus, each event reaches one server's subscriber: for work that must happen once (a webhook delivery,
     * a retraining).
     */
    <E extends Event> AutoCloseable subscribe(Class<E> type, Consumer<? super E> listener);

    /**
     * As {@link #subscribe}, but with several servers on a shared bus every server's subscriber gets each event: for
     * state each server holds in memory (a deployment following an alias reloads its model on every replica). On one
     * server the two are the same.
     */
    default <E extends Event> AutoCloseable subscribeOnEveryServer(Class<E> type, Consumer<? super E> listener) {
        return subscribe(type, listener);
    }

    /**
     * Lets a bus that carries events between servers put the workspace of each published event on the wire and name
     * the workspace of each event it receives; the application calls it once, before {@link #start}. A bus within one
     * server has no need of it.
     */
    default void carryWorkspaces(EventWorkspaces workspaces) {}

    /**
     * Starts delivering to the subscribers; the application calls it once every feature has subscribed, so a bus
     * that replays stored events (Kafka) hands none to only some of them. The in-process bus delivers at once.
     */
    default void start() {}

    @Override
    void close();
}
