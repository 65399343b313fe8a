package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code PATCH logged-models/{model_id}/tags}.
 *
 * @param modelId the model id (the path's, when absent from the body)
 * @param tags the tags to set
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SetLoggedModelTagsRequest(
        @JsonProperty("model_id") String modelId,
        @JsonProperty("tags") List<LoggedModelTag> tags) {
}
