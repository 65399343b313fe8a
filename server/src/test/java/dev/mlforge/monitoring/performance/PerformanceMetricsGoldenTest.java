package dev.mlforge.monitoring.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Metrics against scikit-learn 1.2 goldens (server/src/test/golden/generate_performance_goldens.py). */
class PerformanceMetricsGoldenTest {
    private static JsonNode golden() throws Exception {
        try (InputStream in = PerformanceMetricsGoldenTest.class.getResourceAsStream(
                "/golden/performance/performance.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    @Test
    void classification_metrics_match_scikit_learn() throws Exception {
        for (JsonNode node : golden().get("classification")) {
            int[] labels = ints(node.get("labels"));
            int[] predictions = ints(node.get("predictions"));
            double[] scores = doubles(node.get("scores"));
            String name = node.get("name").asText();
            assertThat(ClassificationMetrics.accuracy(labels, predictions)).as(name)
                    .isCloseTo(node.get("accuracy").asDouble(), within(1e-12));
            assertThat(ClassificationMetrics.precision(labels, predictions, 1)).as(name)
                    .isCloseTo(node.get("precision").asDouble(), within(1e-12));
            assertThat(ClassificationMetrics.recall(labels, predictions, 1)).as(name)
                    .isCloseTo(node.get("recall").asDouble(), within(1e-12));
            assertThat(ClassificationMetrics.f1(labels, predictions, 1)).as(name)
                    .isCloseTo(node.get("f1").asDouble(), within(1e-12));
            if (node.has("roc_auc")) {
                assertThat(ClassificationMetrics.rocAuc(labels, scores, 1)).as(name)
                        .isCloseTo(node.get("roc_auc").asDouble(), within(1e-12));
            } else {
                assertThatThrownBy(() -> ClassificationMetrics.rocAuc(labels, scores, 1))
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void regression_metrics_match_scikit_learn() throws Exception {
        for (JsonNode node : golden().get("regression")) {
            double[] actual = doubles(node.get("actual"));
            double[] predicted = doubles(node.get("predicted"));
            assertThat(RegressionMetrics.meanAbsoluteError(actual, predicted))
                    .isCloseTo(node.get("mae").asDouble(), within(1e-9));
            assertThat(RegressionMetrics.rootMeanSquaredError(actual, predicted))
                    .isCloseTo(node.get("rmse").asDouble(), within(1e-9));
        }
    }

    @Test
    void mismatched_lengths_are_rejected() {
        assertThatThrownBy(() -> ClassificationMetrics.accuracy(new int[] {1}, new int[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in length");
        assertThatThrownBy(() -> RegressionMetrics.meanAbsoluteError(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
