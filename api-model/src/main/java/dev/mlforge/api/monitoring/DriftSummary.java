package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Column-wise drift of a monitor run and the dataset verdict.
 *
 * @param columns one verdict per column
 * @param driftedColumns how many columns drifted
 * @param driftShare the share of drifted columns among the tested ones (0 to 1)
 * @param datasetDrift whether the share reached the monitor's drift share
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriftSummary(
        @JsonProperty("columns") List<ColumnDriftVerdict> columns,
        @JsonProperty("drifted_columns") int driftedColumns,
        @JsonProperty("drift_share") double driftShare,
        @JsonProperty("dataset_drift") boolean datasetDrift) {}
