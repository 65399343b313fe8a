package dev.mlforge.app;

import dev.mlforge.monitoring.monitors.LoggedPrediction;
import dev.mlforge.monitoring.monitors.PredictionLogReader;
import dev.mlforge.serving.PredictionRecord;
import dev.mlforge.serving.Serving;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Gives monitors serving's prediction log with feedback labels joined. The log is flushed first, so that a
 * monitor run sees every prediction answered before it started.
 */
final class ServingPredictionLogReader implements PredictionLogReader {
    private final Serving serving;

    ServingPredictionLogReader(Serving serving) {
        this.serving = serving;
    }

    @Override
    public Optional<String> workspaceOf(String deployment) {
        return serving.deploymentWorkspace(deployment);
    }

    @Override
    public List<LoggedPrediction> newest(String deployment, int limit) {
        serving.flushPredictions();
        return serving.recentPredictions(deployment, limit).stream().map(ServingPredictionLogReader::logged).toList();
    }

    @Override
    public List<LoggedPrediction> since(String deployment, Instant since) {
        serving.flushPredictions();
        return serving.recentPredictions(deployment, since).stream().map(ServingPredictionLogReader::logged).toList();
    }

    private static LoggedPrediction logged(PredictionRecord record) {
        return new LoggedPrediction(record.requestId(), record.version(), record.time(), record.inputsJson(),
                record.outputsJson(), record.label(), record.shadow());
    }
}
