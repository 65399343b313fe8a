package dev.mlforge.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tracking runs with fixed ids ({@code run1}) and artifact roots ({@code mlflow-artifacts:/1/<id>/artifacts}) for
 * the registry's HTTP tests. Written while tracking was unfinished; the real adapter, {@link dev.mlforge.app.TrackingRunSource},
 * is exercised end to end by {@code ApplicationRegistryWiringTest}.
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
