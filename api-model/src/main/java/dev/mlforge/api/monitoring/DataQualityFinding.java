package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A data-quality finding in {@code mlforge drift --format json}.
 *
 * @param column the column concerned
 * @param check the check ({@code missing_column}, {@code new_categories}, {@code out_of_range}, ...)
 * @param message a readable explanation with the figures
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataQualityFinding(
        @JsonProperty("column") String column,
        @JsonProperty("check") String check,
        @JsonProperty("message") String message) {}
