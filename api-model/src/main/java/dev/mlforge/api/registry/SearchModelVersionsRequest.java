package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The query of {@code model-versions/search}.
 *
 * @param filter a filter such as {@code name = 'churn'}
 * @param maxResults the page size (default 10000, at most 200000)
 * @param orderBy order clauses such as {@code version_number DESC}
 * @param pageToken the token of the page to fetch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchModelVersionsRequest(
        @JsonProperty("filter") String filter,
        @JsonProperty("max_results") Integer maxResults,
        @JsonProperty("order_by") List<String> orderBy,
        @JsonProperty("page_token") String pageToken) {
}
