package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which recent predictions a monitor compares with its reference: exactly one of the fields is set.
 *
 * @param lastN the last this many predictions, or null
 * @param spanSeconds the predictions of the last this many seconds, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonitorWindowSpec(
        @JsonProperty("last_n") Integer lastN,
        @JsonProperty("span_seconds") Long spanSeconds) {}
