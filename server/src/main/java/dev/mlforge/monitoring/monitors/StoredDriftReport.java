package dev.mlforge.monitoring.monitors;

import java.util.List;

/**
 * Column-wise drift and the dataset verdict as a monitor result keeps it (the compact form of the calculator's
 * {@link dev.mlforge.monitoring.drift.DriftReport}): {@code datasetDrift} when {@code driftShare >= threshold}.
 *
 * @param driftShare the share of drifted columns (0 to 1)
 */
public record StoredDriftReport(List<StoredColumnDrift> columns, int driftedColumns, double driftShare, boolean datasetDrift) {
    public StoredDriftReport {
        columns = List.copyOf(columns);
    }

    public List<String> driftedColumnNames() {
        return columns.stream().filter(StoredColumnDrift::drifted).map(StoredColumnDrift::column).toList();
    }
}
