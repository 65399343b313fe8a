package dev.mlforge.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DriftCalculatorTest {
    private static double[] normal(long seed, int n, double shift) {
        Random random = new Random(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextGaussian() + shift;
        }
        return values;
    }

    private static DataTable table(Column... columns) {
        return DataTable.of(List.of(columns));
    }

    @Test
    void small_reference_uses_ks_for_numbers_and_chisquare_or_z_for_categories() {
        DataTable reference = table(new Column.Numbers("x", normal(1, 4, 0)),
                new Column.Categories("c", new String[] {"a", "b", "c", "a"}),
                new Column.Categories("b", new String[] {"yes", "no", "no", "no"}));
        DataTable current = table(new Column.Numbers("x", normal(2, 4, 0)),
                new Column.Categories("c", new String[] {"a", "b", "b", "c"}),
                new Column.Categories("b", new String[] {"yes", "yes", "no", "no"}));

        DriftReport report = DriftCalculator.compare(reference, current, DriftOptions.defaults());

        assertThat(report.columns()).extracting(ColumnDrift::method)
                .containsExactly(DriftMethod.KS, DriftMethod.CHISQUARE, DriftMethod.Z);
        assertThat(report.columns().get(0).threshold()).isEqualTo(0.05);
    }

    @Test
    void large_reference_uses_wasserstein_and_jensenshannon() {
        double[] few = new double[2000];
        for (int i = 0; i < few.length; i++) {
            few[i] = i % 3;
        }
        DataTable reference = table(new Column.Numbers("x", normal(1, 2000, 0)), new Column.Numbers("few", few));
        DataTable current = table(new Column.Numbers("x", normal(2, 2000, 1.0)), new Column.Numbers("few", few));

        DriftReport report = DriftCalculator.compare(reference, current, DriftOptions.defaults());

        assertThat(report.columns()).extracting(ColumnDrift::method)
                .containsExactly(DriftMethod.WASSERSTEIN, DriftMethod.JENSENSHANNON);
        assertThat(report.columns().get(0).drifted()).isTrue();
        assertThat(report.columns().get(0).pValue()).isNaN();
        assertThat(report.columns().get(1).drifted()).isFalse();
        assertThat(report.driftShare()).isEqualTo(0.5);
        assertThat(report.datasetDrift()).isTrue();
    }

    @Test
    void dataset_drift_needs_the_configured_share() {
        DataTable reference = table(new Column.Numbers("a", normal(1, 300, 0)), new Column.Numbers("b",
                normal(2, 300, 0)), new Column.Numbers("c", normal(3, 300, 0)));
        DataTable current = table(new Column.Numbers("a", normal(4, 300, 2)), new Column.Numbers("b",
                normal(5, 300, 0)), new Column.Numbers("c", normal(6, 300, 0)));

        DriftReport half = DriftCalculator.compare(reference, current, DriftOptions.defaults());
        DriftReport third = DriftCalculator.compare(reference, current, DriftOptions.defaults().withDriftShare(0.3));

        assertThat(half.driftedColumns()).isEqualTo(1);
        assertThat(half.datasetDrift()).isFalse();
        assertThat(third.datasetDrift()).isTrue();
    }

    @Test
    void thresholds_and_methods_can_be_overridden_per_column() {
        DataTable reference = table(new Column.Numbers("a", normal(1, 300, 0)));
        DataTable current = table(new Column.Numbers("a", normal(2, 300, 0.2)));
        DriftOptions options = DriftOptions.defaults().withColumnMethods(Map.of("a", DriftMethod.PSI))
                .withColumnThresholds(Map.of("a", 5.0));

        ColumnDrift column = DriftCalculator.compare(reference, current, options).columns().get(0);

        assertThat(column.method()).isEqualTo(DriftMethod.PSI);
        assertThat(column.threshold()).isEqualTo(5.0);
        assertThat(column.drifted()).isFalse();
    }

    @Test
    void nan_and_infinities_are_excluded_and_missing_rates_reported() {
        double[] reference = {1, 2, 3, Double.NaN, 4, Double.POSITIVE_INFINITY, 5, 6};
        double[] current = {1, 2, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 3, Double.NEGATIVE_INFINITY};

        DriftReport report = DriftCalculator.compare(table(new Column.Numbers("x", reference)),
                table(new Column.Numbers("x", current)), DriftOptions.defaults().withMethod(DriftMethod.KS));
        ColumnDrift column = report.columns().get(0);

        assertThat(column.referenceCount()).isEqualTo(6);
        assertThat(column.currentCount()).isEqualTo(3);
        assertThat(column.missingReference()).isEqualTo(1 / 8.0);
        assertThat(column.missingCurrent()).isEqualTo(4 / 8.0);
        assertThat(column.pValue()).isEqualTo(
                DriftTests.numerical(DriftMethod.KS, new double[] {1, 2, 3, 4, 5, 6}, new double[] {1, 2, 3}).pValue());
        assertThat(report.dataQuality()).extracting(DataQualityIssue::check)
                .contains(DataQualityIssue.Check.MISSING_RATE_CHANGE);
    }

    @Test
    void a_column_empty_on_one_side_is_reported_not_thrown() {
        DataTable reference = table(new Column.Numbers("x", new double[] {1, 2, 3}),
                new Column.Numbers("y", new double[] {1, 2, 3}));
        DataTable current = table(new Column.Numbers("x", new double[] {Double.NaN, Double.NaN}),
                new Column.Numbers("y", new double[] {1, 5}));

        DriftReport report = DriftCalculator.compare(reference, current, DriftOptions.defaults());

        ColumnDrift empty = report.columns().get(0);
        assertThat(empty.tested()).isFalse();
        assertThat(empty.error()).contains("empty in the current data");
        assertThat(empty.drifted()).isFalse();
        assertThat(report.columns().get(1).tested()).isTrue();
        assertThat(report.dataQuality()).extracting(DataQualityIssue::check)
                .contains(DataQualityIssue.Check.EMPTY_COLUMN);
    }

    @Test
    void a_numeric_only_method_on_a_categorical_column_is_an_error_for_that_column() {
        DataTable reference = table(new Column.Categories("c", new String[] {"a", "b"}));
        DataTable current = table(new Column.Categories("c", new String[] {"a", "a"}));

        ColumnDrift column = DriftCalculator.compare(reference, current,
                DriftOptions.defaults().withMethod(DriftMethod.KS)).columns().get(0);

        assertThat(column.error()).isEqualTo("ks applies to numerical columns only");
    }

    @Test
    void data_quality_finds_missing_and_new_columns_type_changes_new_categories_and_out_of_range_values() {
        DataTable reference = table(new Column.Numbers("n", new double[] {1, 2, 3}),
                new Column.Categories("c", new String[] {"a", "b", "a"}),
                new Column.Numbers("t", new double[] {1, 2, 3}),
                new Column.Numbers("gone", new double[] {1, 2, 3}));
        DataTable current = table(new Column.Numbers("n", new double[] {0, 2, 9}),
                new Column.Categories("c", new String[] {"a", "z", "y"}),
                new Column.Categories("t", new String[] {"1", "x", "3"}),
                new Column.Numbers("added", new double[] {1, 2, 3}));

        DriftReport report = DriftCalculator.compare(reference, current, DriftOptions.defaults());

        assertThat(report.dataQuality()).extracting(issue -> issue.column() + ":" + issue.check()).containsExactly(
                "gone:MISSING_COLUMN", "added:NEW_COLUMN", "n:OUT_OF_RANGE", "c:NEW_CATEGORIES", "t:TYPE_CHANGE",
                "t:NEW_CATEGORIES");
        assertThat(report.columns()).extracting(ColumnDrift::name).containsExactly("n", "c", "t");
        assertThat(report.columns().get(2).type()).isEqualTo(DriftColumnKind.CATEGORICAL);
    }

    @Test
    void unknown_requested_columns_are_rejected() {
        DataTable reference = table(new Column.Numbers("n", new double[] {1, 2, 3}));

        assertThatThrownBy(() -> DriftCalculator.compare(reference, reference,
                DriftOptions.defaults().withColumns(List.of("nope"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown column 'nope'");
    }
}
