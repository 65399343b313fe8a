package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A registered model: a named series of model versions, with tags and aliases.
 *
 * @param name the unique model name
 * @param creationTimestamp creation, milliseconds since the epoch
 * @param lastUpdatedTimestamp last change, milliseconds since the epoch
 * @param userId who created the model, or null
 * @param description the description, or null
 * @param latestVersions the latest version in each stage
 * @param tags the model's tags
 * @param aliases the aliases and the versions they point to
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegisteredModel(
        @JsonProperty("name") String name,
        @JsonProperty("creation_timestamp") Long creationTimestamp,
        @JsonProperty("last_updated_timestamp") Long lastUpdatedTimestamp,
        @JsonProperty("user_id") String userId,
        @JsonProperty("description") String description,
        @JsonProperty("latest_versions") List<ModelVersion> latestVersions,
        @JsonProperty("tags") List<RegisteredModelTag> tags,
        @JsonProperty("aliases") List<RegisteredModelAlias> aliases) {
}
