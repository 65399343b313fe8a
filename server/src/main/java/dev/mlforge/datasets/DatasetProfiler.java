package dev.mlforge.datasets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Infers a CSV table's schema and computes each column's statistical profile; pure functions. */
public final class DatasetProfiler {
    static final int TOP_CATEGORIES = 50;
    private static final double[] QUANTILES = {0.05, 0.25, 0.50, 0.75, 0.95};

    private DatasetProfiler() {}

    public static List<ColumnSchema> schema(CsvTable table) {
        List<ColumnSchema> schema = new ArrayList<>();
        for (String column : table.columns()) {
            schema.add(new ColumnSchema(column, inferType(table.column(column))));
        }
        return schema;
    }

    public static List<ColumnProfile> profile(CsvTable table) {
        List<ColumnProfile> profiles = new ArrayList<>();
        for (ColumnSchema column : schema(table)) {
            List<String> values = table.column(column.name());
            profiles.add(column.type() == ColumnType.NUMERIC
                    ? numeric(column.name(), values)
                    : categorical(column.name(), values));
        }
        return profiles;
    }

    static ColumnType inferType(List<String> values) {
        boolean sawValue = false;
        for (String value : values) {
            if (value.isBlank()) {
                continue;
            }
            sawValue = true;
            if (parseNumber(value) == null) {
                return ColumnType.CATEGORICAL;
            }
        }
        return sawValue ? ColumnType.NUMERIC : ColumnType.CATEGORICAL;
    }

    /** The value as a finite or infinite double, or null when it is not a number. */
    public static Double parseNumber(String value) {
        String trimmed = value.strip();
        if (trimmed.isEmpty() || !(Character.isDigit(trimmed.charAt(trimmed.length() - 1)) || trimmed.endsWith("."))) {
            return null; // rejects Java-only forms such as "1d", "0x1p3f", "NaN"
        }
        try {
            return Double.parseDouble(trimmed);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static ColumnProfile numeric(String name, List<String> values) {
        double[] numbers = values.stream().filter(v -> !v.isBlank()).mapToDouble(v -> parseNumber(v)).toArray();
        long missing = values.size() - numbers.length;
        double missingRate = values.isEmpty() ? 0.0 : (double) missing / values.size();
        if (numbers.length == 0) {
            return new ColumnProfile(name, ColumnType.NUMERIC, 0, missing, missingRate, null, null, null, null, Map.of(), null, 0L);
        }
        Arrays.sort(numbers);
        double mean = Arrays.stream(numbers).sum() / numbers.length;
        double squares = 0;
        for (double x : numbers) {
            squares += (x - mean) * (x - mean);
        }
        Double std = numbers.length > 1 ? Math.sqrt(squares / (numbers.length - 1)) : null;
        Map<String, Double> quantiles = new LinkedHashMap<>();
        for (double q : QUANTILES) {
            quantiles.put("p" + Math.round(q * 100), quantile(numbers, q));
        }
        long distinct = Arrays.stream(numbers).distinct().count();
        return new ColumnProfile(name, ColumnType.NUMERIC, numbers.length, missing, missingRate,
                numbers[0], numbers[numbers.length - 1], mean, std, quantiles, null, distinct);
    }

    /** The q-quantile of sorted values, interpolating linearly between closest ranks (numpy "linear"). */
    static double quantile(double[] sorted, double q) {
        double rank = q * (sorted.length - 1);
        int lower = (int) Math.floor(rank);
        int upper = Math.min(lower + 1, sorted.length - 1);
        return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
    }

    private static ColumnProfile categorical(String name, List<String> values) {
        Map<String, Long> counts = new HashMap<>();
        long missing = 0;
        for (String value : values) {
            if (value.isBlank()) {
                missing++;
            } else {
                counts.merge(value, 1L, Long::sum);
            }
        }
        Map<String, Long> top = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_CATEGORIES)
                .forEach(entry -> top.put(entry.getKey(), entry.getValue()));
        double missingRate = values.isEmpty() ? 0.0 : (double) missing / values.size();
        return new ColumnProfile(name, ColumnType.CATEGORICAL, values.size() - missing, missing, missingRate,
                null, null, null, null, null, top, (long) counts.size());
    }
}
