package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.config.ConfigException;
import dev.mlforge.config.ConfigValues;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServingConfigTest {

    @Test
    void settings_are_read_from_their_dotted_keys_with_units() {
        ServingConfig config = ServingConfig.from(ConfigValues.of(Map.of("serving.max-batch-size", "8",
                "SERVING_MAX_BATCH_DELAY", "5", "serving.queue-capacity", "50", "serving.request-timeout", "250",
                "serving.log-sample-rate", "0.25", "serving.max-request-size", "2m")));

        assertThat(config).isEqualTo(new ServingConfig(8, Duration.ofMillis(5), 50, Duration.ofMillis(250), 0.25, 2L << 20));
    }

    @Test
    void an_invalid_setting_names_its_key() {
        assertThatThrownBy(() -> ServingConfig.from(ConfigValues.of(Map.of("serving.log-sample-rate", "2"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("serving.log-sample-rate");
        assertThatThrownBy(() -> ServingConfig.from(ConfigValues.of(Map.of("serving.max-batch-size", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("serving.max-batch-size");
    }
}
