package dev.mlforge.api.tracing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST /api/3.0/mlflow/traces/search}.
 *
 * @param locations  the experiments to search
 * @param filter     e.g. {@code tag.topic = 'math' AND trace.status = 'OK'}
 * @param maxResults the page size (default 100, at most 500)
 * @param orderBy    e.g. {@code timestamp_ms DESC}
 * @param pageToken  the token of the page to fetch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchTracesV3Request(
        @JsonProperty("locations") List<TraceLocation> locations,
        @JsonProperty("filter") String filter,
        @JsonProperty("max_results") Integer maxResults,
        @JsonProperty("order_by") List<String> orderBy,
        @JsonProperty("page_token") String pageToken) {
}
