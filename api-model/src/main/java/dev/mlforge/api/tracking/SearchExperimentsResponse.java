package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One page of {@code experiments/search}.
 *
 * @param experiments the experiments of this page
 * @param nextPageToken the token of the next page; null on the last page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchExperimentsResponse(
        @JsonProperty("experiments") List<Experiment> experiments,
        @JsonProperty("next_page_token") String nextPageToken) {
}
