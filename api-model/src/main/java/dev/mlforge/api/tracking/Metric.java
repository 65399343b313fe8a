package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One measurement of a metric. The value may be NaN or infinite; JSON carries those as the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
 *
 * @param key the metric name
 * @param value the measured value
 * @param timestamp when it was measured, milliseconds since the epoch
 * @param step the training step, 0 when not given
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Metric(
        @JsonProperty("key") String key,
        @JsonProperty("value") Double value,
        @JsonProperty("timestamp") Long timestamp,
        @JsonProperty("step") Long step) {
}
