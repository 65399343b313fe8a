package dev.mlforge.pipelines;

/** The pipeline's seam to serving: (re)deploy a deployment so that it serves {@code modelUri}. */
public interface Deployer {
    Deployment deploy(String deploymentName, String modelUri);

    /** A deployment and the endpoint that now serves the model (e.g. {@code /v2/models/wine/infer}). */
    record Deployment(String name, String modelUri, String endpoint) {}
}
