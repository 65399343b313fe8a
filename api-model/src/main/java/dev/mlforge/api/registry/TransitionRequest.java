package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A request to move a stage or an alias to a version, decided by approval or rejection
 * ({@code /api/v1/registry/transition-requests}). Exactly one of {@code stage} and {@code alias} is set.
 *
 * @param id the request id
 * @param name the model name
 * @param version the version number
 * @param stage the target stage, or null
 * @param alias the target alias, or null
 * @param archiveExistingVersions whether approval archives the other versions in the stage
 * @param status {@code PENDING}, {@code APPROVED} or {@code REJECTED}
 * @param comment the requester's comment, or null
 * @param requestedBy the requester, or null
 * @param creationTimestamp when requested, milliseconds since the epoch
 * @param decidedBy who approved or rejected, or null
 * @param decisionComment the decider's comment, or null
 * @param decisionTimestamp when decided, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransitionRequest(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("stage") String stage,
        @JsonProperty("alias") String alias,
        @JsonProperty("archive_existing_versions") Boolean archiveExistingVersions,
        @JsonProperty("status") String status,
        @JsonProperty("comment") String comment,
        @JsonProperty("requested_by") String requestedBy,
        @JsonProperty("creation_timestamp") Long creationTimestamp,
        @JsonProperty("decided_by") String decidedBy,
        @JsonProperty("decision_comment") String decisionComment,
        @JsonProperty("decision_timestamp") Long decisionTimestamp) {

    /** @return {@code stage <S>} or {@code alias <A>} */
    public String target() {
        return stage != null ? "stage " + stage : "alias " + alias;
    }

    /**
     * The body of {@code GET /api/v1/registry/transition-requests}.
     *
     * @param transitionRequests the requests
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page(@JsonProperty("transition_requests") List<TransitionRequest> transitionRequests) {}
}
