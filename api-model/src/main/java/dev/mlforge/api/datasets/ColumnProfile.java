package dev.mlforge.api.datasets;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Statistics of one column of a dataset version. Numeric columns fill {@code min .. quantiles}; categorical
 * columns fill {@code categoryCounts} (the 50 most frequent values, most frequent first) and {@code distinctCount}.
 *
 * @param name the column name
 * @param type {@code NUMERIC} or {@code CATEGORICAL}
 * @param count the number of non-empty cells
 * @param missing the number of empty cells
 * @param missingRate the share of empty cells, 0..1
 * @param min the smallest value, or null
 * @param max the largest value, or null
 * @param mean the mean, or null
 * @param std the sample standard deviation (n - 1 denominator), or null
 * @param quantiles {@code p5, p25, p50, p75, p95} by linear interpolation, or null
 * @param categoryCounts value to count for categorical columns, most frequent first, or null
 * @param distinctCount the number of distinct values of a categorical column, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ColumnProfile(
        @JsonProperty("name") String name,
        @JsonProperty("type") String type,
        @JsonProperty("count") Long count,
        @JsonProperty("missing") Long missing,
        @JsonProperty("missing_rate") Double missingRate,
        @JsonProperty("min") Double min,
        @JsonProperty("max") Double max,
        @JsonProperty("mean") Double mean,
        @JsonProperty("std") Double std,
        @JsonProperty("quantiles") Map<String, Double> quantiles,
        @JsonProperty("category_counts") Map<String, Long> categoryCounts,
        @JsonProperty("distinct_count") Long distinctCount) {}
