package dev.mlforge.api.registry;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of {@code model-versions/create}.
 *
 * @param name the registered model's name (required)
 * @param source where the model files are (required), e.g. {@code runs:/<run_id>/model}
 * @param runId the run that produced the model
 * @param tags initial tags
 * @param runLink a link to the run
 * @param description the description
 * @param modelId the MLflow 3 logged model ({@code m-<id>}) the version is registered from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateModelVersionRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("name") String name,
        @Schema(requiredMode = REQUIRED) @JsonProperty("source") String source,
        @JsonProperty("run_id") String runId,
        @JsonProperty("tags") List<ModelVersionTag> tags,
        @JsonProperty("run_link") String runLink,
        @JsonProperty("description") String description,
        @JsonProperty("model_id") String modelId) {

    /** A request without a logged model, as MLflow 2 clients send it. */
    public CreateModelVersionRequest(String name, String source, String runId, List<ModelVersionTag> tags, String runLink,
            String description) {
        this(name, source, runId, tags, runLink, description, null);
    }
}
