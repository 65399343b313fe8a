package dev.mlforge.monitoring.monitors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PredictionLogWindowSourceTest {
    private static final Instant T = Instant.parse("2026-11-24T06:00:00Z");

    /** A reader over a fixed, newest-first list, as serving's store returns it. */
    private static PredictionLogReader reader(List<LoggedPrediction> newestFirst) {
        return new PredictionLogReader() {
            @Override
            public Optional<String> workspaceOf(String deployment) {
                return Optional.empty();
            }

            @Override
            public List<LoggedPrediction> newest(String deployment, int limit) {
                return newestFirst.subList(0, Math.min(limit, newestFirst.size()));
            }

            @Override
            public List<LoggedPrediction> since(String deployment, Instant since) {
                return newestFirst.stream().filter(logged -> !logged.time().isBefore(since)).toList();
            }
        };
    }

    @Test
    void splits_column_tensors_into_rows_with_labels_and_class_scores() {
        LoggedPrediction logged = new LoggedPrediction("req-1", "3", T, """
                [{"name": "age", "shape": [2], "datatype": "FP64", "data": [31.5, 40]},
                 {"name": "city", "shape": [2, 1], "datatype": "BYTES", "data": ["Oslo", "Rome"]}]""", """
                [{"name": "label", "shape": [2], "datatype": "INT64", "data": [1, 0]},
                 {"name": "probabilities", "shape": [2, 2], "datatype": "FP32", "data": [0.2, 0.8, 0.9, 0.1]}]""",
                "[1, 1]", false);

        List<PredictionRow> rows = new PredictionLogWindowSource(reader(List.of(logged))).lastPredictions("d", 10);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).inputs()).containsExactly(Map.entry("age", 31.5), Map.entry("city", "Oslo"));
        assertThat(rows.get(1).inputs()).containsEntry("age", 40.0);
        assertThat(rows.get(0).prediction()).isEqualTo(1.0);
        assertThat(rows.get(1).classScores()).containsEntry("0", 0.9);
        assertThat(rows).extracting(PredictionRow::label).containsExactly(1.0, 1.0);
        assertThat(rows).extracting(PredictionRow::version).containsOnly("3");
    }

    @Test
    void names_the_columns_of_a_matrix_tensor_by_position_and_predicts_the_argmax_of_scores() {
        LoggedPrediction logged = new LoggedPrediction("req-2", "1", T,
                "[{\"name\": \"input\", \"shape\": [1, 3], \"datatype\": \"FP32\", \"data\": [1, 2, 3]}]",
                "[{\"name\": \"scores\", \"shape\": [1, 3], \"datatype\": \"FP32\", \"data\": [0.1, 0.7, 0.2]}]",
                "\"1\"", false);

        PredictionRow row = new PredictionLogWindowSource(reader(List.of(logged))).lastPredictions("d", 1).get(0);

        assertThat(row.inputs()).containsOnlyKeys("input_0", "input_1", "input_2");
        assertThat(row.prediction()).isEqualTo("1");
        assertThat(row.label()).isEqualTo("1");
    }

    @Test
    void returns_rows_oldest_first_without_shadow_answers_and_counts_rows_for_last_n() {
        String inputs = "[{\"name\": \"x\", \"shape\": [2], \"datatype\": \"FP64\", \"data\": [%s, %s]}]";
        String outputs = "[{\"name\": \"y\", \"shape\": [2], \"datatype\": \"FP64\", \"data\": [0, 0]}]";
        List<LoggedPrediction> newestFirst = List.of(
                new LoggedPrediction("c", "1", T.plusSeconds(2), inputs.formatted(5, 6), outputs, null, false),
                new LoggedPrediction("c", "2", T.plusSeconds(2), inputs.formatted(50, 60), outputs, null, true),
                new LoggedPrediction("b", "1", T.plusSeconds(1), inputs.formatted(3, 4), outputs, null, false),
                new LoggedPrediction("a", "1", T, inputs.formatted(1, 2), outputs, null, false));
        PredictionLogWindowSource source = new PredictionLogWindowSource(reader(newestFirst));

        assertThat(source.lastPredictions("d", 3)).extracting(row -> row.inputs().get("x")).containsExactly(4.0, 5.0, 6.0);
        assertThat(source.predictionsSince("d", T.plusSeconds(1))).extracting(row -> row.inputs().get("x"))
                .containsExactly(3.0, 4.0, 5.0, 6.0);
        assertThat(source.lastPredictions("d", 3)).allSatisfy(row -> assertThat(row.label()).isNull());
    }
}
