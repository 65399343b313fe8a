package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One page of {@code runs/search}.
 *
 * @param runs the runs of this page
 * @param nextPageToken the token of the next page; null on the last page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchRunsResponse(
        @JsonProperty("runs") List<Run> runs,
        @JsonProperty("next_page_token") String nextPageToken) {
}
