package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code registered-models/create}.
 *
 * @param name the unique model name (required)
 * @param tags initial tags
 * @param description the description
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateRegisteredModelRequest(
        @JsonProperty("name") String name,
        @JsonProperty("tags") List<RegisteredModelTag> tags,
        @JsonProperty("description") String description) {
}
