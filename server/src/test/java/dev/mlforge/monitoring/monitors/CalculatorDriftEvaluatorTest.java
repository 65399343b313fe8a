package dev.mlforge.monitoring.monitors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalculatorDriftEvaluatorTest {
    private final CalculatorDriftEvaluator evaluator = new CalculatorDriftEvaluator();

    private static ColumnTable table(long seed, double shift, String category) {
        Random random = new Random(seed);
        List<Object> numbers = new ArrayList<>();
        List<Object> categories = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            numbers.add(random.nextGaussian() + shift);
            categories.add(i % 3 == 0 ? category : "b");
        }
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        columns.put("n", numbers);
        columns.put("c", categories);
        return new ColumnTable(columns);
    }

    @Test
    void uses_ks_for_numbers_and_chisquare_or_z_for_categories_as_evidently_does() {
        StoredDriftReport report = evaluator.evaluate(table(1, 0, "a"), table(2, 0, "a"), Map.of(), 0.5);

        assertThat(report.columns()).extracting(StoredColumnDrift::method).containsExactly("ks", "z");
        assertThat(report.columns()).extracting(StoredColumnDrift::type).containsExactly("numerical", "categorical");
        assertThat(report.datasetDrift()).isFalse();
    }

    @Test
    void a_shifted_column_drifts_and_the_share_decides_dataset_drift() {
        StoredDriftReport report = evaluator.evaluate(table(1, 0, "a"), table(2, 1.0, "a"), Map.of(), 0.5);

        assertThat(report.driftedColumnNames()).containsExactly("n");
        assertThat(report.driftShare()).isEqualTo(0.5);
        assertThat(report.datasetDrift()).isTrue();
        assertThat(evaluator.evaluate(table(1, 0, "a"), table(2, 1.0, "a"), Map.of(), 0.75).datasetDrift()).isFalse();
    }

    @Test
    void overrides_set_the_method_and_threshold_of_one_column() {
        StoredDriftReport report = evaluator.evaluate(table(1, 0, "a"), table(2, 0, "a"),
                Map.of("n", new ColumnOverride("wasserstein", 0.5)), 0.5);

        StoredColumnDrift column = report.columns().get(0);
        assertThat(column.method()).isEqualTo("wasserstein");
        assertThat(column.threshold()).isEqualTo(0.5);
        assertThat(column.score()).isBetween(0.0, 0.5);
    }

    @Test
    void a_column_with_new_categories_on_one_side_is_compared_as_categories() {
        StoredDriftReport report = evaluator.evaluate(table(1, 0, "a"), table(2, 0, "z"), Map.of(), 0.5);

        assertThat(report.columns().get(1).method()).isEqualTo("chisquare");
        assertThat(report.columns().get(1).drifted()).isTrue();
    }
}
