package dev.mlforge.monitoring.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks the metrics against scikit-learn's values in golden.json (written by generate_golden.py next to it). */
class PerformanceGoldenTest {

    static Stream<JsonNode> cases() throws IOException {
        try (InputStream in = PerformanceGoldenTest.class.getResourceAsStream("/monitoring/performance/golden.json")) {
            JsonNode golden = Json.mapper().readTree(in);
            List<JsonNode> cases = new ArrayList<>();
            golden.get("cases").forEach(cases::add);
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void matches_scikit_learn(JsonNode golden) {
        Task task = Task.parse(golden.get("task").asText());
        List<LabeledPrediction> predictions = new ArrayList<>();
        for (int i = 0; i < golden.get("labels").size(); i++) {
            Map<String, Double> scores = new LinkedHashMap<>();
            JsonNode row = golden.get("class_scores");
            if (row != null && !row.isNull()) {
                row.get(i).fields().forEachRemaining(entry -> scores.put(entry.getKey(), entry.getValue().asDouble()));
            }
            predictions.add(new LabeledPrediction("1", value(golden.get("labels").get(i)),
                    value(golden.get("predictions").get(i)), scores));
        }

        Map<String, Double> metrics = PerformanceCalculator.compute(task, predictions);

        Map<String, Double> expected = new LinkedHashMap<>();
        golden.get("expected").fields().forEachRemaining(entry -> expected.put(entry.getKey(), entry.getValue().asDouble()));
        assertThat(metrics).containsOnlyKeys(expected.keySet());
        expected.forEach((name, value) -> assertThat(metrics.get(name)).as(name).isCloseTo(value, within(1e-12)));
    }

    private static Object value(JsonNode node) {
        return node.isNumber() ? (Object) node.numberValue() : node.asText();
    }
}
