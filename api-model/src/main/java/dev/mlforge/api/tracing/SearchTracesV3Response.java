package dev.mlforge.api.tracing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One page of {@code traces/search}.
 *
 * @param traces        the trace infos of this page
 * @param nextPageToken the token of the next page; null on the last
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SearchTracesV3Response(
        @JsonProperty("traces") List<TraceInfoV3> traces,
        @JsonProperty("next_page_token") String nextPageToken) {
}
