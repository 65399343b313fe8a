package dev.mlforge.monitoring.drift;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Compares a current table with a reference table column by column, the way Evidently's DataDriftPreset does:
 * the automatic (or chosen) test per column, per-column thresholds, and dataset drift when the share of drifted
 * columns reaches the configured share. Columns that cannot be tested (empty on one side, or a method that does not
 * fit the data) are reported with an error and left out of the share. Columns are computed in parallel.
 */
public final class DriftCalculator {
    private DriftCalculator() {
    }

    /**
     * @throws IllegalArgumentException when a requested column is missing from either table
     */
    public static DriftReport compare(DataTable reference, DataTable current, DriftOptions options) {
        Map<String, Column> referenceColumns = reference.byName();
        Map<String, Column> currentColumns = current.byName();
        return compare(reference.names(), current.names(), reference.rowCount(), current.rowCount(), options,
                name -> ColumnPair.of(referenceColumns.get(name), currentColumns.get(name)), true);
    }

    /**
     * The report over columns held anywhere: {@code pairs} gives each compared column of both sides.
     *
     * @param parallel whether columns may be compared concurrently
     */
    static DriftReport compare(List<String> referenceNames, List<String> currentNames, long referenceRows,
            long currentRows, DriftOptions options, Function<String, ColumnPair> pairs, boolean parallel) {
        List<DataQualityIssue> issues = new ArrayList<>();
        List<String> names = columnsToCompare(referenceNames, currentNames, options, issues);
        Stream<String> stream = parallel ? names.parallelStream() : names.stream();
        List<ColumnOutcome> outcomes = stream.map(name -> ColumnComparison.compare(pairs.apply(name), options))
                .toList();
        List<ColumnDrift> columns = new ArrayList<>();
        for (ColumnOutcome outcome : outcomes) {
            columns.add(outcome.drift());
            issues.addAll(outcome.issues());
        }
        long tested = columns.stream().filter(ColumnDrift::tested).count();
        long drifted = columns.stream().filter(ColumnDrift::drifted).count();
        double share = tested == 0 ? 0.0 : drifted / (double) tested;
        boolean datasetDrift = tested > 0 && share >= options.driftShare();
        return new DriftReport(datasetDrift, share, options.driftShare(), Math.toIntExact(referenceRows),
                Math.toIntExact(currentRows), columns, issues);
    }

    private static List<String> columnsToCompare(List<String> referenceNames, List<String> currentNames,
            DriftOptions options, List<DataQualityIssue> issues) {
        Set<String> referenceSet = new HashSet<>(referenceNames);
        Set<String> currentSet = new HashSet<>(currentNames);
        if (!options.columns().isEmpty()) {
            for (String name : options.columns()) {
                if (!referenceSet.contains(name)) {
                    throw new IllegalArgumentException("unknown column '" + name + "': not in the reference data");
                }
                if (!currentSet.contains(name)) {
                    throw new IllegalArgumentException("unknown column '" + name + "': not in the current data");
                }
            }
            return options.columns();
        }
        List<String> names = new ArrayList<>();
        for (String name : referenceNames) {
            if (currentSet.contains(name)) {
                names.add(name);
            } else {
                issues.add(new DataQualityIssue(name, DataQualityIssue.Check.MISSING_COLUMN,
                        "column is in the reference but not in the current data"));
            }
        }
        for (String name : currentNames) {
            if (!referenceSet.contains(name)) {
                issues.add(new DataQualityIssue(name, DataQualityIssue.Check.NEW_COLUMN,
                        "column is in the current data but not in the reference"));
            }
        }
        return names;
    }

    /** One column's verdict and its data-quality findings. */
    record ColumnOutcome(ColumnDrift drift, List<DataQualityIssue> issues) {
    }
}
