package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A model version with what its MLmodel file declares ({@code GET /api/v1/registry/models/{name}/versions/{v}}).
 *
 * @param name the registered model's name
 * @param version the version number as a string
 * @param currentStage the stage
 * @param source where the model files were registered from
 * @param runId the run that produced the model, or null
 * @param status the registration status
 * @param aliases the aliases pointing to this version
 * @param codeVersion the source revision recorded by the run, or null
 * @param storageLocation where the registry keeps its copy, {@code mlflow-artifacts:/...}
 * @param flavors the MLmodel flavors (flavor name to its settings)
 * @param signature the MLmodel signature (inputs, outputs, params), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelVersionDetails(
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("current_stage") String currentStage,
        @JsonProperty("source") String source,
        @JsonProperty("run_id") String runId,
        @JsonProperty("status") String status,
        @JsonProperty("aliases") List<String> aliases,
        @JsonProperty("code_version") String codeVersion,
        @JsonProperty("storage_location") String storageLocation,
        @JsonProperty("flavors") Map<String, Object> flavors,
        @JsonProperty("signature") Map<String, Object> signature) {

    /**
     * The body of the version-details answer.
     *
     * @param modelVersion the version with its metadata
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Response(@JsonProperty("model_version") ModelVersionDetails modelVersion) {}
}
