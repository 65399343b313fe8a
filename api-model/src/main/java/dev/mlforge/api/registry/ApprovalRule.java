package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Which stages and aliases of a model only change through an approved transition request
 * ({@code PUT/GET /api/v1/registry/models/{name}/approval-rule}).
 *
 * @param name the model name (ignored in a PUT body; the path names the model)
 * @param protectedStages stages, e.g. {@code Production}
 * @param protectedAliases aliases, e.g. {@code champion}
 * @param gates metric gates checked at approval, e.g. {@code accuracy >= 0.9}
 * @param requireSecondApprover a two-person rule: approval needs an authenticated approver other than the requester;
 *     the server authenticates no one yet, so such requests cannot be approved until it does (null or false: the
 *     approver's name is only compared with the requester's, as sent)
 * @param userId who last set the rule, or null (answers only)
 * @param lastUpdatedTimestamp when, milliseconds since the epoch (answers only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApprovalRule(
        @JsonProperty("name") String name,
        @JsonProperty("protected_stages") List<String> protectedStages,
        @JsonProperty("protected_aliases") List<String> protectedAliases,
        @JsonProperty("gates") List<String> gates,
        @JsonProperty("require_second_approver") Boolean requireSecondApprover,
        @JsonProperty("user_id") String userId,
        @JsonProperty("last_updated_timestamp") Long lastUpdatedTimestamp) {

    /**
     * A rule to send.
     *
     * @param protectedStages stages that need approval
     * @param protectedAliases aliases that need approval
     * @param gates metric gates
     * @return the rule
     */
    public static ApprovalRule of(List<String> protectedStages, List<String> protectedAliases, List<String> gates) {
        return new ApprovalRule(null, protectedStages, protectedAliases, gates, null, null, null);
    }
}
