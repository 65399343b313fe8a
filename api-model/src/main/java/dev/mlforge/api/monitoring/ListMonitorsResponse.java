package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/monitors}.
 *
 * @param monitors every monitor
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListMonitorsResponse(
        @JsonProperty("monitors") List<MonitorInfo> monitors) {}
