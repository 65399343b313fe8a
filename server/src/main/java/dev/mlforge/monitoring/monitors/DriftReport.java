package dev.mlforge.monitoring.monitors;

import java.util.List;

/**
 * Column-wise drift and the dataset verdict: {@code datasetDrift} when {@code driftShare >= threshold}.
 *
 * @param driftShare the share of drifted columns (0 to 1)
 */
public record DriftReport(List<ColumnDrift> columns, int driftedColumns, double driftShare, boolean datasetDrift) {
    public DriftReport {
        columns = List.copyOf(columns);
    }

    public List<String> driftedColumnNames() {
        return columns.stream().filter(ColumnDrift::drifted).map(ColumnDrift::column).toList();
    }
}
