package dev.mlforge.app;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.registry.DatasetRef;
import dev.mlforge.registry.RunFacts;
import dev.mlforge.registry.RunSource;
import dev.mlforge.tracking.DatasetInputEntity;
import dev.mlforge.tracking.MetricEntity;
import dev.mlforge.tracking.RunEntity;
import dev.mlforge.tracking.Tag;
import dev.mlforge.tracking.TrackingService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry's view of tracking runs: latest metrics, tags and dataset inputs (with their {@code mlflow.data.context}). */
public final class TrackingRunSource implements RunSource {

    private final TrackingService tracking;

    public TrackingRunSource(TrackingService tracking) {
        this.tracking = tracking;
    }

    @Override
    public Optional<RunFacts> find(String runId) {
        RunEntity run;
        try {
            run = tracking.getRun(runId);
        } catch (MlforgeException e) {
            if (e.errorCode() == ErrorCode.RESOURCE_DOES_NOT_EXIST || e.errorCode() == ErrorCode.INVALID_PARAMETER_VALUE) {
                return Optional.empty();
            }
            throw e;
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (MetricEntity metric : run.metrics()) {
            metrics.put(metric.key(), metric.value());
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag tag : run.tags()) {
            tags.put(tag.key(), tag.value());
        }
        List<DatasetRef> datasets = run.inputs().stream().map(TrackingRunSource::dataset).toList();
        return Optional.of(new RunFacts(run.info().runId(), run.info().experimentId(), run.info().artifactUri(), metrics,
                tags, datasets));
    }

    private static DatasetRef dataset(DatasetInputEntity input) {
        String context = input.tags().stream().filter(tag -> tag.key().equals(DatasetInputEntity.CONTEXT_TAG)).map(Tag::value)
                .findFirst().orElse(null);
        return new DatasetRef(input.dataset().name(), input.dataset().digest(), context);
    }
}
