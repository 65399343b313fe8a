package dev.mlforge.api.tracing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One page of MLflow 2's SearchTraces ({@code GET /api/2.0/mlflow/traces}).
 *
 * @param traces        the trace infos of this page, written even when there are none
 * @param nextPageToken the token of the next page; null, and left out, on the last
 */
public record SearchTracesV2Response(
        @JsonProperty("traces") List<TraceInfoV2> traces,
        @JsonProperty("next_page_token") @JsonInclude(JsonInclude.Include.NON_NULL) String nextPageToken) {
}
