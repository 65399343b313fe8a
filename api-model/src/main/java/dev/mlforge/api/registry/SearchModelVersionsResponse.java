package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One page of {@code model-versions/search}.
 *
 * @param modelVersions the versions of this page
 * @param nextPageToken the token of the next page; null on the last page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchModelVersionsResponse(
        @JsonProperty("model_versions") List<ModelVersion> modelVersions,
        @JsonProperty("next_page_token") String nextPageToken) {
}
