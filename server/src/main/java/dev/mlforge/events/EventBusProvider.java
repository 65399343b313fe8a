package dev.mlforge.events;

import java.util.Map;

/**
 * An event bus backend that the server discovers with {@link java.util.ServiceLoader}, so a backend such as Kafka
 * ships as an optional jar (with a {@code META-INF/services/dev.mlforge.events.EventBusProvider} line) and the
 * default server jar does not grow. Implementations need a public no-argument constructor.
 */
public interface EventBusProvider {
    /** The {@code events.backend} value it serves, such as {@code "kafka"}. */
    String backend();

    /**
     * Opens the bus. {@code settings} holds the {@code events.<backend>.*} configuration keys without that prefix
     * (e.g. {@code bootstrap-servers}), with their defaults applied.
     *
     * @throws IllegalArgumentException naming the setting when a setting is missing or invalid
     * @throws IllegalStateException when the backend cannot be reached (the server does not start)
     */
    EventBus open(Map<String, String> settings);
}
