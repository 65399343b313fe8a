package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The drift verdict of one column in a monitor result.
 *
 * @param column the column name
 * @param type {@code numerical} or {@code categorical}
 * @param method the test or distance used ({@code ks}, {@code chisquare}, {@code psi}, ...)
 * @param score the p-value or the distance ({@code "NaN"} when the column could not be tested)
 * @param threshold the threshold the score was compared with
 * @param drifted whether the column drifted
 * @param error why the column could not be tested, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnDriftVerdict(
        @JsonProperty("column") String column,
        @JsonProperty("type") String type,
        @JsonProperty("method") String method,
        @JsonProperty("score") double score,
        @JsonProperty("threshold") double threshold,
        @JsonProperty("drifted") boolean drifted,
        @JsonProperty("error") String error) {}
