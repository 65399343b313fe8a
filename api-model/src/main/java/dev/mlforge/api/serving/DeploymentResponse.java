package dev.mlforge.api.serving;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of create, get, change and rollback of a deployment ({@code /api/v1/deployments[/{name}[/rollback]]}).
 *
 * @param deployment the deployment after the call
 */
public record DeploymentResponse(@JsonProperty("deployment") DeploymentInfo deployment) {
}
