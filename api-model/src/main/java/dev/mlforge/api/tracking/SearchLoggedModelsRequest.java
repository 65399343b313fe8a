package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST logged-models/search}.
 *
 * @param experimentIds the experiments to search (required)
 * @param filter MLflow's filter grammar over attributes, {@code metrics.}, {@code params.} and {@code tags.}
 * @param datasets the datasets metric clauses are restricted to
 * @param maxResults page size, at most 50 (default 50)
 * @param orderBy the order, newest first when empty
 * @param pageToken the token of the previous page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchLoggedModelsRequest(
        @JsonProperty("experiment_ids") List<String> experimentIds,
        @JsonProperty("filter") String filter,
        @JsonProperty("datasets") List<SearchLoggedModelsDataset> datasets,
        @JsonProperty("max_results") Integer maxResults,
        @JsonProperty("order_by") List<SearchLoggedModelsOrderBy> orderBy,
        @JsonProperty("page_token") String pageToken) {
}
