package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The report printed by {@code mlforge drift --format json}; numbers not computed are null.
 *
 * @param datasetDrift whether the share of drifted columns reached the threshold
 * @param driftShare drifted columns / tested columns
 * @param driftShareThreshold the share at which the dataset counts as drifted
 * @param driftedColumns how many columns drifted
 * @param referenceRows rows in the reference
 * @param currentRows rows in the current data
 * @param columns one verdict per compared column, in reference order
 * @param dataQuality data-quality findings
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriftReportOutput(
        @JsonProperty("dataset_drift") boolean datasetDrift,
        @JsonProperty("drift_share") double driftShare,
        @JsonProperty("drift_share_threshold") double driftShareThreshold,
        @JsonProperty("drifted_columns") long driftedColumns,
        @JsonProperty("reference_rows") int referenceRows,
        @JsonProperty("current_rows") int currentRows,
        @JsonProperty("columns") List<ColumnDriftOutput> columns,
        @JsonProperty("data_quality") List<DataQualityFinding> dataQuality) {}
