package dev.mlforge.api.registry;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body or query of {@code registered-models/get-latest-versions}.
 *
 * @param name the model name
 * @param stages the stages to report, or empty for all
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetLatestVersionsRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("name") String name,
        @JsonProperty("stages") List<String> stages) {
}
