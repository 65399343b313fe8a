package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One page of {@code metrics/get-history}.
 *
 * @param metrics the measurements, in (step, timestamp) order
 * @param nextPageToken the token of the next page; null on the last page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetMetricHistoryResponse(
        @JsonProperty("metrics") List<Metric> metrics,
        @JsonProperty("next_page_token") String nextPageToken) {
}
