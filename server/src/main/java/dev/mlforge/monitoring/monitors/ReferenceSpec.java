package dev.mlforge.monitoring.monitors;

/**
 * Where a monitor's reference data comes from: a registered dataset version ({@code dataset} and
 * {@code datasetVersion}) or a CSV file logged as an artifact of a run ({@code runId} and {@code artifactPath}).
 */
public record ReferenceSpec(String dataset, Integer datasetVersion, String runId, String artifactPath) {

    public static ReferenceSpec datasetVersion(String dataset, int version) {
        return new ReferenceSpec(dataset, version, null, null);
    }

    public static ReferenceSpec runArtifact(String runId, String artifactPath) {
        return new ReferenceSpec(null, null, runId, artifactPath);
    }

    public boolean namesDataset() {
        return dataset != null;
    }

    /** A short description for messages, e.g. {@code dataset wine v2} or {@code run 8f3c.../ref.csv}. */
    public String describe() {
        return namesDataset() ? "dataset " + dataset + " v" + datasetVersion : "run " + runId + " artifact " + artifactPath;
    }
}
