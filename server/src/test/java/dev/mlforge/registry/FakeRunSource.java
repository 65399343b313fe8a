package dev.mlforge.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tracking runs for registry tests. A hand-written fake because the tracking feature is another helper's
 * unfinished work; the lead adapts the real TrackingService to {@link RunSource} at merge.
 */
final class FakeRunSource implements RunSource {
    private final Map<String, RunFacts> runs = new ConcurrentHashMap<>();

    RunFacts add(String runId, String experimentId, Map<String, Double> metrics, Map<String, String> tags,
            List<DatasetRef> datasets) {
        RunFacts run = new RunFacts(runId, experimentId, "mlflow-artifacts:/" + experimentId + "/" + runId + "/artifacts",
                metrics, tags, datasets);
        runs.put(runId, run);
        return run;
    }

    @Override
    public Optional<RunFacts> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }
}
