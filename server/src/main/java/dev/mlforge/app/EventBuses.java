package dev.mlforge.app;

import dev.mlforge.config.ConfigException;
import dev.mlforge.config.ConfigValues;
import dev.mlforge.events.EventBus;
import dev.mlforge.events.EventBusProvider;
import dev.mlforge.events.InProcessEventBus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Opens the event bus {@code events.backend} names: the in-process one by default, else the backend an optional
 * module brings on the class path through {@link EventBusProvider} (Kafka: {@code events-kafka}).
 */
public final class EventBuses {
    static final String KAFKA_MODULE = "mlforge-events-kafka";

    private EventBuses() {}

    public static EventBus open(ConfigValues config) {
        return open(config, EventBuses.class.getClassLoader());
    }

    static EventBus open(ConfigValues config, ClassLoader loader) {
        String raw = config.string("events.backend", "inprocess");
        String backend = raw.toLowerCase(Locale.ROOT);
        if (backend.equals("inprocess")) {
            return new InProcessEventBus();
        }
        if (!backend.equals("kafka")) {
            throw config.invalid("events.backend", raw, "inprocess or kafka");
        }
        EventBusProvider provider = ServiceLoader.load(EventBusProvider.class, loader).stream()
                .map(ServiceLoader.Provider::get)
                .filter(found -> found.backend().equals(backend))
                .findFirst()
                .orElseThrow(() -> new ConfigException("events.backend is '" + backend + "' but the module "
                        + KAFKA_MODULE + " (and kafka-clients) is not on the class path: add the events-kafka jar "
                        + "and its dependencies to the server's class path, or set events.backend to inprocess"));
        try {
            return provider.open(settings(config, backend));
        } catch (IllegalArgumentException | IllegalStateException e) {
            // a bad setting, or brokers that do not answer: a start-up error, not a stack trace
            throw new ConfigException("events.backend " + backend + ": " + e.getMessage());
        }
    }

    private static Map<String, String> settings(ConfigValues config, String backend) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (backend.equals("kafka")) {
            for (Map.Entry<String, String> key : List.of(Map.entry("bootstrap-servers", ""),
                    Map.entry("topic", "mlforge.events"), Map.entry("group-id", "mlforge"))) {
                settings.put(key.getKey(), config.string("events.kafka." + key.getKey(), key.getValue()));
            }
        }
        return settings;
    }
}
