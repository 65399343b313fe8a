package dev.mlforge.registry;

import java.util.List;
import java.util.Map;

/**
 * What the registry needs to know about a tracking run.
 *
 * @param artifactUri the run's artifact root, e.g. {@code mlflow-artifacts:/1/<run_id>/artifacts}
 * @param metrics     the latest value of each metric
 */
public record RunFacts(String runId, String experimentId, String artifactUri, Map<String, Double> metrics,
        Map<String, String> tags, List<DatasetRef> datasets) {

    /** The tag MLflow sets to the git commit of the code that produced the run. */
    public static final String GIT_COMMIT_TAG = "mlflow.source.git.commit";
}
