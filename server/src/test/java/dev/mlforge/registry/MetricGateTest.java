package dev.mlforge.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.http.MlforgeException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricGateTest {
    @Test
    void parses_and_checks_a_threshold() {
        MetricGate gate = MetricGate.parse("metrics.accuracy >= 0.9");
        assertThat(gate).isEqualTo(new MetricGate("accuracy", ">=", 0.9));
        assertThat(gate.failure(Map.of("accuracy", 0.9))).isNull();
        assertThat(gate.failure(Map.of("accuracy", 0.89))).contains("0.89");
        assertThat(gate.failure(Map.of())).contains("not logged");
    }

    @Test
    void supports_quoted_keys_and_every_comparator() {
        assertThat(MetricGate.parse("metrics.`f1 score` > 0.5").failure(Map.of("f1 score", 0.6))).isNull();
        assertThat(MetricGate.parse("metrics.rmse < 1e-1").failure(Map.of("rmse", 0.2))).isNotNull();
        assertThat(MetricGate.parse("metrics.loss <= 2").failure(Map.of("loss", 2.0))).isNull();
        assertThat(MetricGate.parse("metrics.x == 1").failure(Map.of("x", 1.0))).isNull();
        assertThat(MetricGate.parse("metrics.x != 1").failure(Map.of("x", 1.0))).isNotNull();
    }

    @Test
    void refuses_malformed_gates() {
        for (String text : new String[] {"accuracy > 0.9", "metrics.accuracy ~ 0.9", "metrics.accuracy > high", ""}) {
            assertThatThrownBy(() -> MetricGate.parse(text)).as(text).isInstanceOf(MlforgeException.class);
        }
    }
}
