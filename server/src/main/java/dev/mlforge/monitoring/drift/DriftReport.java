package dev.mlforge.monitoring.drift;

import java.util.List;

/**
 * The result of comparing current data with a reference.
 *
 * @param datasetDrift whether the share of drifted columns reached {@code driftShareThreshold}
 * @param driftShare drifted columns / tested columns (0 when no column could be tested)
 * @param driftShareThreshold the share at which the dataset counts as drifted
 * @param referenceRows rows in the reference
 * @param currentRows rows in the current data
 * @param columns one verdict per compared column, in reference order
 * @param dataQuality data-quality findings
 */
public record DriftReport(boolean datasetDrift, double driftShare, double driftShareThreshold, int referenceRows,
        int currentRows, List<ColumnDrift> columns, List<DataQualityIssue> dataQuality) {
    public DriftReport {
        columns = List.copyOf(columns);
        dataQuality = List.copyOf(dataQuality);
    }

    public long driftedColumns() {
        return columns.stream().filter(ColumnDrift::drifted).count();
    }
}
