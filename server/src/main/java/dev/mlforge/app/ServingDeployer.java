package dev.mlforge.app;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.pipelines.Deployer;
import dev.mlforge.serving.DeploymentService;
import dev.mlforge.serving.TrafficPolicy;

/**
 * Puts a pipeline's model behind a deployment of the server's serving feature: creates the deployment, or moves
 * an existing one to the new model (its previous policy stays available to a rollback).
 */
final class ServingDeployer implements Deployer {
    private final DeploymentService deployments;

    ServingDeployer(DeploymentService deployments) {
        this.deployments = deployments;
    }

    @Override
    public Deployment deploy(String deploymentName, String modelUri) {
        try {
            deployments.create(deploymentName, new TrafficPolicy(modelUri, null, 0, null, null));
        } catch (MlforgeException e) {
            if (e.errorCode() != ErrorCode.RESOURCE_ALREADY_EXISTS) {
                throw e;
            }
            deployments.update(deploymentName,
                    current -> new TrafficPolicy(modelUri, null, 0, null, current == null ? null : current.stickyHeader()));
        }
        return new Deployment(deploymentName, modelUri, "/v2/models/" + deploymentName + "/infer");
    }
}
