package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code runs/search}.
 *
 * @param experimentIds the experiments to search
 * @param filter a filter such as {@code metrics.rmse < 1 and params.model = 'tree'}
 * @param runViewType {@code ACTIVE_ONLY} (default), {@code DELETED_ONLY} or {@code ALL}
 * @param maxResults the page size (default 1000, at most 50000)
 * @param orderBy order clauses such as {@code metrics.rmse ASC}
 * @param pageToken the token of the page to fetch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchRunsRequest(
        @JsonProperty("experiment_ids") List<String> experimentIds,
        @JsonProperty("filter") String filter,
        @JsonProperty("run_view_type") String runViewType,
        @JsonProperty("max_results") Integer maxResults,
        @JsonProperty("order_by") List<String> orderBy,
        @JsonProperty("page_token") String pageToken) {
}
