package dev.mlforge.monitoring.monitors;

import dev.mlforge.monitoring.drift.Column;
import dev.mlforge.monitoring.drift.ColumnDrift;
import dev.mlforge.monitoring.drift.DataTable;
import dev.mlforge.monitoring.drift.DriftCalculator;
import dev.mlforge.monitoring.drift.DriftMethod;
import dev.mlforge.monitoring.drift.DriftReport;
import dev.mlforge.monitoring.drift.DriftOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@link DriftEvaluator} backed by the drift package's {@link DriftCalculator} (Evidently's methods and automatic
 * choice). A column is compared as numbers when every value on both sides is a number, otherwise as categories.
 */
public final class CalculatorDriftEvaluator implements DriftEvaluator {
    private static final Set<String> METHODS = Arrays.stream(DriftMethod.values()).map(DriftMethod::id)
            .collect(Collectors.toUnmodifiableSet());

    @Override
    public Set<String> methods() {
        return METHODS;
    }

    @Override
    public StoredDriftReport evaluate(ColumnTable reference, ColumnTable current, Map<String, ColumnOverride> overrides,
            double driftShare) {
        return stored(compare(reference, current, overrides, driftShare));
    }

    /** The report as a monitor result stores it. */
    static StoredDriftReport stored(DriftReport report) {
        List<StoredColumnDrift> columns = report.columns().stream().map(column -> new StoredColumnDrift(column.name(),
                column.type().label(), column.method() == null ? null : column.method().id(),
                column.tested() ? column.score() : Double.NaN, column.threshold(), column.drifted(), column.error()))
                .toList();
        return new StoredDriftReport(columns, (int) report.driftedColumns(), report.driftShare(), report.datasetDrift());
    }

    @Override
    public List<ColumnDrift> compareColumns(ColumnTable reference, ColumnTable current, Map<String, ColumnOverride> overrides,
            double driftShare) {
        return compare(reference, current, overrides, driftShare).columns();
    }

    private static DriftReport compare(ColumnTable reference, ColumnTable current, Map<String, ColumnOverride> overrides,
            double driftShare) {
        List<Column> referenceColumns = new ArrayList<>();
        List<Column> currentColumns = new ArrayList<>();
        for (String name : reference.names()) {
            boolean numerical = allNumbers(reference.column(name)) && allNumbers(current.column(name));
            referenceColumns.add(column(name, reference.column(name), numerical));
            currentColumns.add(column(name, current.column(name), numerical));
        }
        return DriftCalculator.compare(DataTable.of(referenceColumns), DataTable.of(currentColumns),
                options(reference.names(), overrides, driftShare));
    }

    /** The drift options of a monitor: its columns, per-column methods and thresholds, and drift share. */
    static DriftOptions options(List<String> columns, Map<String, ColumnOverride> overrides, double driftShare) {
        Map<String, DriftMethod> methods = new LinkedHashMap<>();
        Map<String, Double> thresholds = new LinkedHashMap<>();
        overrides.forEach((column, override) -> {
            if (override.method() != null) {
                methods.put(column, DriftMethod.byId(override.method()).orElseThrow(() ->
                        new IllegalArgumentException("unknown drift method " + override.method())));
            }
            if (override.threshold() != null) {
                thresholds.put(column, override.threshold());
            }
        });
        return DriftOptions.defaults().withDriftShare(driftShare).withColumnMethods(methods)
                .withColumnThresholds(thresholds).withColumns(columns);
    }

    private static boolean allNumbers(List<Object> values) {
        return values.stream().allMatch(value -> value == null || value instanceof Number);
    }

    private static Column column(String name, List<Object> values, boolean numerical) {
        if (numerical) {
            double[] numbers = new double[values.size()];
            for (int i = 0; i < numbers.length; i++) {
                Object value = values.get(i);
                numbers[i] = value == null ? Double.NaN : ((Number) value).doubleValue();
            }
            return new Column.Numbers(name, numbers);
        }
        String[] categories = new String[values.size()];
        for (int i = 0; i < categories.length; i++) {
            Object value = values.get(i);
            categories[i] = value == null ? null : value instanceof Number number ? categoryText(number) : value.toString();
        }
        return new Column.Categories(name, categories);
    }

    /** 3 and 3.0 are the same category. */
    static String categoryText(Number number) {
        double value = number.doubleValue();
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
