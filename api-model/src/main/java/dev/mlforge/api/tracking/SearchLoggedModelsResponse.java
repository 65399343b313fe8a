package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code logged-models/search}.
 *
 * @param models the page of models
 * @param nextPageToken the token of the next page; absent on the last
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchLoggedModelsResponse(
        @JsonProperty("models") List<LoggedModel> models,
        @JsonProperty("next_page_token") String nextPageToken) {
}
