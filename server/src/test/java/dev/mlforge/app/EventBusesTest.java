package dev.mlforge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.config.ConfigException;
import dev.mlforge.config.ConfigValues;
import dev.mlforge.events.EventBus;
import dev.mlforge.events.InProcessEventBus;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's own class path has no Kafka module: the default bus is in-process and kafka is refused clearly. */
class EventBusesTest {
    @Test
    void theDefaultIsTheInProcessBus() {
        try (EventBus bus = EventBuses.open(ConfigValues.of(Map.of()))) {
            assertThat(bus).isInstanceOf(InProcessEventBus.class);
        }
    }

    @Test
    void kafkaWithoutTheModuleIsAStartupErrorNamingTheModule() {
        assertThatThrownBy(() -> EventBuses.open(ConfigValues.of(Map.of("events.backend", "Kafka",
                "events.kafka.bootstrap-servers", "127.0.0.1:9"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mlforge-events-kafka")
                .hasMessageContaining("events.backend");
    }

    @Test
    void anUnknownBackendIsRefusedByTheConfiguration() {
        assertThatThrownBy(() -> EventBuses.open(ConfigValues.of(Map.of("events.backend", "rabbit"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'rabbit'")
                .hasMessageContaining("inprocess or kafka");
    }
}
