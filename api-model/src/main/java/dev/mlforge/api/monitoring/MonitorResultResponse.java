package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code POST /api/v1/monitors/{id}/run}.
 *
 * @param result the run's result
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonitorResultResponse(
        @JsonProperty("result") MonitorResultInfo result) {}
