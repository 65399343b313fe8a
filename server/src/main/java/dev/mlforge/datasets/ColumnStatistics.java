package dev.mlforge.datasets;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * Statistics of one column. Numeric columns fill {@code min .. quantiles} (null when no value is present);
 * categorical columns fill {@code categoryCounts} with the 50 most frequent values, most frequent first. Stored as
 * snake_case JSON in {@code dataset_versions.profile_json}; the routes answer with its wire twin
 * {@link dev.mlforge.api.datasets.ColumnProfile}.
 *
 * @param missingRate share of missing cells (empty or a pandas NA token such as {@code NA}), 0..1
 * @param std         sample standard deviation (n - 1 denominator), as pandas' {@code describe()}
 * @param quantiles   p5, p25, p50, p75, p95 by linear interpolation between order statistics (numpy's default)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ColumnStatistics(
        String name,
        ColumnType type,
        long count,
        long missing,
        double missingRate,
        Double min,
        Double max,
        Double mean,
        Double std,
        Map<String, Double> quantiles,
        Map<String, Long> categoryCounts,
        Long distinctCount) {}
