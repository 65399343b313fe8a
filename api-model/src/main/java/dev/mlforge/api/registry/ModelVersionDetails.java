package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A model version with what its MLmodel file declares ({@code GET /api/v1/registry/models/{name}/versions/{v}}): the
 * fields of {@link ModelVersion}, then the platform's additions.
 *
 * @param name the registered model's name
 * @param version the version number as a string
 * @param creationTimestamp creation, milliseconds since the epoch
 * @param lastUpdatedTimestamp last change, milliseconds since the epoch
 * @param userId who registered the version, or null
 * @param currentStage the stage
 * @param description the description, or null
 * @param source where the model files were registered from
 * @param runId the run that produced the model, or null
 * @param status the registration status
 * @param statusMessage details of the status, or null
 * @param tags the version's tags
 * @param runLink a link to the run, or null
 * @param aliases the aliases pointing to this version
 * @param modelId the MLflow 3 logged model the version was registered from, or null
 * @param codeVersion the source revision recorded by the run, or null
 * @param storageLocation where the registry keeps its copy, {@code mlflow-artifacts:/...}
 * @param flavors the MLmodel flavors (flavor name to its settings); empty when the version has no MLmodel file
 * @param signature the MLmodel signature (inputs, outputs, params), or null (written as {@code null})
 *     (null values inside flavors and signature are written as in the MLmodel file, never left out)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelVersionDetails(
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("creation_timestamp") Long creationTimestamp,
        @JsonProperty("last_updated_timestamp") Long lastUpdatedTimestamp,
        @JsonProperty("user_id") String userId,
        @JsonProperty("current_stage") String currentStage,
        @JsonProperty("description") String description,
        @JsonProperty("source") String source,
        @JsonProperty("run_id") String runId,
        @JsonProperty("status") String status,
        @JsonProperty("status_message") String statusMessage,
        @JsonProperty("tags") List<ModelVersionTag> tags,
        @JsonProperty("run_link") String runLink,
        @JsonProperty("aliases") List<String> aliases,
        @JsonProperty("model_id") String modelId,
        @JsonProperty("code_version") String codeVersion,
        @JsonProperty("storage_location") String storageLocation,
        @JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.ALWAYS)
        @JsonProperty("flavors") Map<String, Object> flavors,
        @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
        @JsonProperty("signature") Map<String, Object> signature) {
    /**
     * The body of the version-details answer.
     *
     * @param modelVersion the version with its metadata
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Response(@JsonProperty("model_version") ModelVersionDetails modelVersion) {}
}
