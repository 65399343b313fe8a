package dev.mlforge.api.registry;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
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
        @Schema(requiredMode = REQUIRED) @JsonProperty("name") String name,
        @JsonProperty("tags") List<RegisteredModelTag> tags,
        @JsonProperty("description") String description) {
}
