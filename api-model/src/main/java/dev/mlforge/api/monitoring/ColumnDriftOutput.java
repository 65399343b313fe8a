package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One column's verdict in {@code mlforge drift --format json}; method and numbers are null when not computed.
 *
 * @param name the column name
 * @param type {@code numerical} or {@code categorical}
 * @param method the method used, or null when the column could not be tested
 * @param statistic the test statistic or distance, or null
 * @param pValue the p-value (tests only), or null
 * @param threshold the threshold applied, or null
 * @param drifted whether the column drifted
 * @param missingReference share of missing values in the reference (0 to 1)
 * @param missingCurrent share of missing values in the current data (0 to 1)
 * @param referenceCount values used from the reference
 * @param currentCount values used from the current data
 * @param error why the column could not be tested, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnDriftOutput(
        @JsonProperty("name") String name,
        @JsonProperty("type") String type,
        @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("method") String method,
        @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("statistic") Double statistic,
        @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("p_value") Double pValue,
        @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("threshold") Double threshold,
        @JsonProperty("drifted") boolean drifted,
        @JsonProperty("missing_reference") double missingReference,
        @JsonProperty("missing_current") double missingCurrent,
        @JsonProperty("reference_count") long referenceCount,
        @JsonProperty("current_count") long currentCount,
        @JsonProperty("error") String error) {}
