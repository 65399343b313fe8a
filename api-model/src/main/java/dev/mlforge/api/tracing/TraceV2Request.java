package dev.mlforge.api.tracing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The bodies of MLflow 2's StartTrace ({@code POST /api/2.0/mlflow/traces}), EndTrace ({@code PATCH
 * /api/2.0/mlflow/traces/{request_id}}) and SearchTraces ({@code GET /api/2.0/mlflow/traces}).
 *
 * @param experimentId    StartTrace: the experiment
 * @param timestampMs     start (StartTrace) or end (EndTrace) time
 * @param status          EndTrace: OK or ERROR
 * @param requestMetadata metadata entries
 * @param tags            tag entries
 * @param experimentIds   SearchTraces: the experiments
 * @param filter          SearchTraces: the filter
 * @param maxResults      SearchTraces: the page size
 * @param orderBy         SearchTraces: the order
 * @param pageToken       SearchTraces: the page
 */
public record TraceV2Request(
        @JsonProperty("experiment_id") String experimentId,
        @JsonProperty("timestamp_ms") Long timestampMs,
        @JsonProperty("status") String status,
        @JsonProperty("request_metadata") List<TraceInfoV2.Entry> requestMetadata,
        @JsonProperty("tags") List<TraceInfoV2.Entry> tags,
        @JsonProperty("experiment_ids") List<String> experimentIds,
        @JsonProperty("filter") String filter,
        @JsonProperty("max_results") Integer maxResults,
        @JsonProperty("order_by") List<String> orderBy,
        @JsonProperty("page_token") String pageToken) {
}
