package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The query of {@code metrics/get-history}.
 *
 * @param runId the run id (the older {@code run_uuid} is read too)
 * @param metricKey the metric key
 * @param pageToken the token of the previous page, or null for the first
 * @param maxResults the page size, or null for the server default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetMetricHistoryRequest(
        @JsonAlias("run_uuid") @Schema(requiredMode = REQUIRED) @JsonProperty("run_id") String runId,
        @JsonProperty("metric_key") String metricKey,
        @JsonProperty("page_token") String pageToken,
        @JsonProperty("max_results") Integer maxResults) {
}
