package dev.mlforge.registry;

import java.util.List;

/** Persistence of what a version was made from (datasets) and where it went (deployments). */
interface LineageStore {
    List<DatasetRef> datasets(String modelName, int version);

    void recordDeployment(String modelName, int version, String deploymentName, long now);

    List<Deployment> deployments(String modelName, int version);

    /** The versions whose run consumed the dataset with {@code digest}. */
    List<TrainedVersion> versionsTrainedOn(String digest);

    /** The versions registered from the MLflow 3 logged model {@code loggedModelId}. */
    List<RegisteredVersion> versionsRegisteredFrom(String loggedModelId);

    record Deployment(String name, long timestamp) {}

    record RegisteredVersion(String modelName, int version) {}

    record TrainedVersion(String modelName, int version, String runId, String codeVersion, DatasetRef dataset) {}
}
