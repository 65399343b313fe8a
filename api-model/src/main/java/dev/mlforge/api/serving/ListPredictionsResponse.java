package dev.mlforge.api.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/deployments/{name}/predictions}: one page of the prediction log, newest first.
 *
 * @param predictions the logged predictions of this page (empty when none match)
 * @param nextPageToken the token of the next page, or null (omitted) on the last page
 */
public record ListPredictionsResponse(
        @JsonProperty("predictions") List<PredictionLogEntry> predictions,
        @JsonProperty("next_page_token") @JsonInclude(JsonInclude.Include.NON_NULL) String nextPageToken) {
    /**
     * Copies {@code predictions}; absent reads as none.
     *
     * @param predictions the logged predictions
     * @param nextPageToken the next page's token
     */
    public ListPredictionsResponse {
        predictions = predictions == null ? List.of() : List.copyOf(predictions);
    }
}
