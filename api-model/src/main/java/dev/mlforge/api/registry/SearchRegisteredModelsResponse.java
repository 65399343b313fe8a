package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One page of {@code registered-models/search}.
 *
 * @param registeredModels the models of this page
 * @param nextPageToken the token of the next page; null on the last page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchRegisteredModelsResponse(
        @JsonProperty("registered_models") List<RegisteredModel> registeredModels,
        @JsonProperty("next_page_token") String nextPageToken) {
}
