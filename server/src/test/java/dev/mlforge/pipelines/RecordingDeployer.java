package dev.mlforge.pipelines;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A hand-written fake of {@link Deployer} standing in for the serving helper's service (not merged yet). */
final class RecordingDeployer implements Deployer {
    final List<Deployment> deployments = new CopyOnWriteArrayList<>();

    @Override
    public Deployment deploy(String deploymentName, String modelUri) {
        Deployment deployment = new Deployment(deploymentName, modelUri, "/v2/models/" + deploymentName + "/infer");
        deployments.add(deployment);
        return deployment;
    }
}
