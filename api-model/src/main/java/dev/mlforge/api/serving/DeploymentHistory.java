package dev.mlforge.api.serving;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/deployments/{name}/history}: the current policy and the earlier ones, newest
 * first, which successive rollbacks restore in order.
 *
 * @param name the deployment's name
 * @param policy the current policy
 * @param previousPolicies the earlier policies, newest first (empty before the first change)
 * @param historyLimit how many earlier policies the server keeps
 */
public record DeploymentHistory(
        @JsonProperty("name") String name,
        @JsonProperty("policy") TrafficPolicySpec policy,
        @JsonProperty("previous_policies") List<TrafficPolicySpec> previousPolicies,
        @JsonProperty("history_limit") int historyLimit) {

    /**
     * Copies {@code previousPolicies}; absent reads as none.
     *
     * @param name the deployment's name
     * @param policy the current policy
     * @param previousPolicies the earlier policies
     * @param historyLimit the history's size limit
     */
    public DeploymentHistory {
        previousPolicies = previousPolicies == null ? List.of() : List.copyOf(previousPolicies);
    }
}
