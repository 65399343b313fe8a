package dev.mlforge.pipelines;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake {@link Deployer} for the pipeline runner's unit tests; the real adapter over serving is tested in {@code app/LifecycleAdaptersTest}. */
final class RecordingDeployer implements Deployer {
    final List<Deployment> deployments = new CopyOnWriteArrayList<>();

    @Override
    public Deployment deploy(String deploymentName, String modelUri) {
        Deployment deployment = new Deployment(deploymentName, modelUri, "/v2/models/" + deploymentName + "/infer");
        deployments.add(deployment);
        return deployment;
    }
}
