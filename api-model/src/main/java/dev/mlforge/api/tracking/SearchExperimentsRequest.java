package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code experiments/search}.
 *
 * @param maxResults the page size (at most 50000)
 * @param pageToken the token of the page to fetch
 * @param filter a filter such as {@code name LIKE 'prod%'}
 * @param orderBy order clauses such as {@code creation_time DESC}
 * @param viewType {@code ACTIVE_ONLY} (default), {@code DELETED_ONLY} or {@code ALL}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchExperimentsRequest(
        @JsonProperty("max_results") Integer maxResults,
        @JsonProperty("page_token") String pageToken,
        @JsonProperty("filter") String filter,
        @JsonProperty("order_by") List<String> orderBy,
        @JsonProperty("view_type") String viewType) {
}
