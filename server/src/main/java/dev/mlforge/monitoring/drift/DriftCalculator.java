package dev.mlforge.monitoring.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        List<DataQualityIssue> issues = new ArrayList<>();
        List<String> names = columnsToCompare(reference, current, options, issues);
        Map<String, Column> referenceColumns = reference.byName();
        Map<String, Column> currentColumns = current.byName();
        List<ColumnOutcome> outcomes = names.parallelStream()
                .map(name -> ColumnComparison.compare(referenceColumns.get(name), currentColumns.get(name),
                        options))
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
        return new DriftReport(datasetDrift, share, options.driftShare(), reference.rowCount(), current.rowCount(),
                columns, issues);
    }

    private static List<String> columnsToCompare(DataTable reference, DataTable current, DriftOptions options,
            List<DataQualityIssue> issues) {
        if (!options.columns().isEmpty()) {
            for (String name : options.columns()) {
                if (reference.column(name).isEmpty()) {
                    throw new IllegalArgumentException("unknown column '" + name + "': not in the reference data");
                }
                if (current.column(name).isEmpty()) {
                    throw new IllegalArgumentException("unknown column '" + name + "': not in the current data");
                }
            }
            return options.columns();
        }
        List<String> names = new ArrayList<>();
        for (String name : reference.names()) {
            if (current.column(name).isPresent()) {
                names.add(name);
            } else {
                issues.add(new DataQualityIssue(name, DataQualityIssue.Check.MISSING_COLUMN,
                        "column is in the reference but not in the current data"));
            }
        }
        for (String name : current.names()) {
            if (reference.column(name).isEmpty()) {
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
