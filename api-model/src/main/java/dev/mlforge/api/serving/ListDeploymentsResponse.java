package dev.mlforge.api.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/deployments}: every deployment, by name. With none, the field is omitted
 * (the answer is {@code {}}).
 *
 * @param deployments the deployments, never null once built
 */
public record ListDeploymentsResponse(
        @JsonProperty("deployments") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DeploymentInfo> deployments) {

    /**
     * Copies {@code deployments}; absent reads as none.
     *
     * @param deployments the deployments
     */
    public ListDeploymentsResponse {
        deployments = deployments == null ? List.of() : List.copyOf(deployments);
    }
}
