package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One version of a registered model.
 *
 * @param name the registered model's name
 * @param version the version number as a string, {@code "1"}, {@code "2"}, ...
 * @param creationTimestamp creation, milliseconds since the epoch
 * @param lastUpdatedTimestamp last change, milliseconds since the epoch
 * @param userId who registered the version, or null
 * @param currentStage {@code None}, {@code Staging}, {@code Production} or {@code Archived}
 * @param description the description, or null
 * @param source where the model files are, e.g. {@code runs:/<run_id>/model}
 * @param runId the run that produced the model, or null
 * @param status {@code PENDING_REGISTRATION}, {@code FAILED_REGISTRATION} or {@code READY}
 * @param statusMessage details of the status, or null
 * @param tags the version's tags
 * @param runLink a link to the run, or null
 * @param aliases the aliases pointing to this version
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelVersion(
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
        @JsonProperty("model_id") String modelId) {

    /** A version not registered from a logged model, as MLflow 2 answers it. */
    public ModelVersion(String name, String version, Long creationTimestamp, Long lastUpdatedTimestamp, String userId,
            String currentStage, String description, String source, String runId, String status, String statusMessage,
            List<ModelVersionTag> tags, String runLink, List<String> aliases) {
        this(name, version, creationTimestamp, lastUpdatedTimestamp, userId, currentStage, description, source, runId,
                status, statusMessage, tags, runLink, aliases, null);
    }
}
