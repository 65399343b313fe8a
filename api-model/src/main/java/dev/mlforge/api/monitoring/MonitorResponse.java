package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of creating or getting a monitor.
 *
 * @param monitor the monitor
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonitorResponse(
        @JsonProperty("monitor") MonitorInfo monitor) {}
