package dev.mlforge.events.kafka;

import dev.mlforge.events.EventBus;
import dev.mlforge.events.EventBusProvider;
import java.time.Duration;
import java.util.Map;

/** {@code events.backend: kafka}, found by the server through {@link java.util.ServiceLoader}. */
public final class KafkaEventBusProvider implements EventBusProvider {
    @Override
    public String backend() {
        return "kafka";
    }

    @Override
    public EventBus open(Map<String, String> settings) {
        return new KafkaEventBus(KafkaSettings.from(settings), Duration.ofMillis(500));
    }
}
