package dev.mlforge.monitoring.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerformanceCalculatorTest {

    @Test
    void computes_metrics_per_model_version() {
        List<LabeledPrediction> predictions = List.of(
                new LabeledPrediction("1", "cat", "cat", Map.of()),
                new LabeledPrediction("1", "dog", "cat", Map.of()),
                new LabeledPrediction("2", "dog", "dog", Map.of()),
                new LabeledPrediction("2", "cat", "cat", Map.of()));

        Map<String, Map<String, Double>> byVersion = PerformanceCalculator.byVersion(Task.CLASSIFICATION, predictions);

        assertThat(byVersion).containsOnlyKeys("1", "2");
        assertThat(byVersion.get("1").get("accuracy")).isEqualTo(0.5);
        assertThat(byVersion.get("2").get("accuracy")).isEqualTo(1.0);
    }

    @Test
    void treats_integer_and_decimal_spellings_of_a_class_as_the_same_label() {
        List<LabeledPrediction> predictions = List.of(
                new LabeledPrediction("1", 1, "1.0", Map.of()),
                new LabeledPrediction("1", "0", 0.0, Map.of()));

        assertThat(PerformanceCalculator.compute(Task.CLASSIFICATION, predictions).get("accuracy")).isEqualTo(1.0);
    }

    @Test
    void binary_auc_uses_the_complement_when_only_the_positive_score_is_given() {
        List<LabeledPrediction> withBoth = List.of(
                new LabeledPrediction("1", 0, 0, Map.of("0", 0.8, "1", 0.2)),
                new LabeledPrediction("1", 1, 1, Map.of("0", 0.3, "1", 0.7)),
                new LabeledPrediction("1", 1, 0, Map.of("0", 0.6, "1", 0.4)));
        List<LabeledPrediction> positiveOnly = List.of(
                new LabeledPrediction("1", 0, 0, Map.of("1", 0.2)),
                new LabeledPrediction("1", 1, 1, Map.of("1", 0.7)),
                new LabeledPrediction("1", 1, 0, Map.of("1", 0.4)));

        double auc = PerformanceCalculator.compute(Task.CLASSIFICATION, withBoth).get("roc_auc");

        assertThat(auc).isEqualTo(1.0);
        assertThat(PerformanceCalculator.compute(Task.CLASSIFICATION, positiveOnly).get("roc_auc")).isCloseTo(auc, within(1e-15));
    }

    @Test
    void leaves_out_roc_auc_when_only_one_class_occurs() {
        List<LabeledPrediction> predictions = List.of(
                new LabeledPrediction("1", "a", "a", Map.of("a", 0.9, "b", 0.1)),
                new LabeledPrediction("1", "a", "b", Map.of("a", 0.4, "b", 0.6)));

        assertThat(PerformanceCalculator.compute(Task.CLASSIFICATION, predictions)).doesNotContainKey("roc_auc");
    }

    @Test
    void no_labelled_predictions_give_no_metrics() {
        assertThat(PerformanceCalculator.compute(Task.REGRESSION, List.of())).isEmpty();
    }
}
