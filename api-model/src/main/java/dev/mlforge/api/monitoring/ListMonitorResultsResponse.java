package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/monitors/{id}/results}, newest first.
 *
 * @param results the results
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListMonitorResultsResponse(
        @JsonProperty("results") List<MonitorResultInfo> results) {}
