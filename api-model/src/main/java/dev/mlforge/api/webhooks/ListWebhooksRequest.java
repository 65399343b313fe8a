package dev.mlforge.api.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The query of {@code GET /api/2.0/mlflow/webhooks} (and of mlforge's delivery log).
 *
 * @param maxResults page size, 1 to 1000; absent or 0 means 100
 * @param pageToken the token of the page to read; absent for the first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListWebhooksRequest(
        @JsonProperty("max_results") Integer maxResults,
        @JsonProperty("page_token") String pageToken) {
}
