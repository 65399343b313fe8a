package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/alerts}.
 *
 * @param alerts the alerts, optionally of one state
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListAlertsResponse(
        @JsonProperty("alerts") List<AlertInfo> alerts) {}
