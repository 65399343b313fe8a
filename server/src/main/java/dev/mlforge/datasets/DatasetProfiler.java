package dev.mlforge.datasets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Infers a CSV table's schema and computes each column's statistical profile; pure functions. */
public final class DatasetProfiler {
    static final int TOP_CATEGORIES = 50;
    private static final double[] QUANTILES = {0.05, 0.25, 0.50, 0.75, 0.95};

    /**
     * Cells read as missing, as pandas' {@code read_csv} reads them by default: empty, and the NA tokens. The drift
     * reports use the same set, so a dataset's profile and a monitor agree on what is missing.
     */
    public static final Set<String> MISSING_TOKENS = CsvDialect.MISSING_TOKENS;

    private DatasetProfiler() {}

    /** True for a blank cell or one of pandas' NA tokens (surrounding spaces ignored). */
    public static boolean isMissing(String cell) {
        return CsvDialect.isMissing(cell);
    }

    /** Each column's type: numeric when every cell that is not missing is a number (and at least one is present). */
    public static List<DatasetColumn> schema(CsvSource table) {
        List<String> columns = table.columns();
        boolean[] sawValue = new boolean[columns.size()];
        boolean[] text = new boolean[columns.size()];
        table.forEachRow(row -> {
            for (int c = 0; c < text.length; c++) {
                String value = row.get(c);
                if (!text[c] && !isMissing(value)) {
                    sawValue[c] = true;
                    text[c] = parseNumber(value) == null;
                }
            }
        });
        List<DatasetColumn> schema = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            schema.add(new DatasetColumn(columns.get(c), sawValue[c] && !text[c] ? ColumnType.NUMERIC : ColumnType.CATEGORICAL));
        }
        return schema;
    }

    /**
     * Each column's statistics, in two passes over the rows (types, then values), holding only the numeric values
     * and the category counts, so a file on disk is profiled without being read into memory.
     */
    public static List<ColumnStatistics> profile(CsvSource table) {
        List<DatasetColumn> schema = schema(table);
        List<Accumulator> columns = schema.stream()
                .map(column -> column.type() == ColumnType.NUMERIC ? new Numbers(column.name()) : (Accumulator) new Categories(column.name()))
                .toList();
        table.forEachRow(row -> {
            for (int c = 0; c < row.size(); c++) {
                columns.get(c).add(row.get(c));
            }
        });
        return columns.stream().map(Accumulator::profile).toList();
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

    private interface Accumulator {
        void add(String cell);

        ColumnStatistics profile();
    }

    private static final class Numbers implements Accumulator {
        private final String name;
        private double[] values = new double[16]; // grows by doubling: a wide table's columns each start small
        private int count;
        private long missing;

        Numbers(String name) {
            this.name = name;
        }

        @Override
        public void add(String cell) {
            if (isMissing(cell)) {
                missing++;
                return;
            }
            if (count == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[count++] = parseNumber(cell);
        }

        @Override
        public ColumnStatistics profile() {
            double missingRate = count + missing == 0 ? 0.0 : (double) missing / (count + missing);
            if (count == 0) {
                return new ColumnStatistics(name, ColumnType.NUMERIC, 0, missing, missingRate, null, null, null, null, Map.of(), null, 0L);
            }
            double[] numbers = Arrays.copyOf(values, count);
            values = null;
            Arrays.sort(numbers);
            double mean = Arrays.stream(numbers).sum() / numbers.length;
            double squares = 0;
            long distinct = 1;
            for (int i = 0; i < numbers.length; i++) {
                squares += (numbers[i] - mean) * (numbers[i] - mean);
                distinct += i > 0 && Double.compare(numbers[i], numbers[i - 1]) != 0 ? 1 : 0;
            }
            Double std = numbers.length > 1 ? Math.sqrt(squares / (numbers.length - 1)) : null;
            Map<String, Double> quantiles = new LinkedHashMap<>();
            for (double q : QUANTILES) {
                quantiles.put("p" + Math.round(q * 100), quantile(numbers, q));
            }
            return new ColumnStatistics(name, ColumnType.NUMERIC, numbers.length, missing, missingRate,
                    numbers[0], numbers[numbers.length - 1], mean, std, quantiles, null, distinct);
        }
    }

    /** The q-quantile of sorted values, interpolating linearly between closest ranks (numpy "linear"). */
    static double quantile(double[] sorted, double q) {
        double rank = q * (sorted.length - 1);
        int lower = (int) Math.floor(rank);
        int upper = Math.min(lower + 1, sorted.length - 1);
        return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
    }

    private static final class Categories implements Accumulator {
        private final String name;
        private final Map<String, Long> counts = new HashMap<>();
        private long present;
        private long missing;

        Categories(String name) {
            this.name = name;
        }

        @Override
        public void add(String cell) {
            if (isMissing(cell)) {
                missing++;
            } else {
                present++;
                counts.merge(cell, 1L, Long::sum);
            }
        }

        @Override
        public ColumnStatistics profile() {
            Map<String, Long> top = new LinkedHashMap<>();
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                    .limit(TOP_CATEGORIES)
                    .forEach(entry -> top.put(entry.getKey(), entry.getValue()));
            double missingRate = present + missing == 0 ? 0.0 : (double) missing / (present + missing);
            return new ColumnStatistics(name, ColumnType.CATEGORICAL, present, missing, missingRate,
                    null, null, null, null, null, top, (long) counts.size());
        }
    }
}
