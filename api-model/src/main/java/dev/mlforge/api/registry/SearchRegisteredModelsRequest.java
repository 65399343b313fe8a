package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The query of {@code registered-models/search}.
 *
 * @param filter a filter such as {@code name LIKE 'churn%'}
 * @param maxResults the page size (default 100, at most 1000)
 * @param orderBy order clauses such as {@code name ASC}
 * @param pageToken the token of the page to fetch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchRegisteredModelsRequest(
        @JsonProperty("filter") String filter,
        @JsonProperty("max_results") Integer maxResults,
        @JsonProperty("order_by") List<String> orderBy,
        @JsonProperty("page_token") String pageToken) {
}
