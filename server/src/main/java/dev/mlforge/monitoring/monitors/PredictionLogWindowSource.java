package dev.mlforge.monitoring.monitors;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The {@link PredictionWindowSource} over serving's prediction log: skips shadow answers, splits each request into
 * rows ({@link OipTensorRows}) and returns them oldest first. "Last N" counts rows; it reads at most N requests,
 * which hold at least N rows.
 */
public final class PredictionLogWindowSource implements PredictionWindowSource {
    private final PredictionLogReader log;

    public PredictionLogWindowSource(PredictionLogReader log) {
        this.log = log;
    }

    @Override
    public Optional<String> workspaceOf(String deployment) {
        return log.workspaceOf(deployment);
    }

    @Override
    public List<PredictionRow> lastPredictions(String deployment, int count) {
        List<PredictionRow> rows = rows(log.newest(deployment, count));
        return rows.size() <= count ? rows : List.copyOf(rows.subList(rows.size() - count, rows.size()));
    }

    @Override
    public List<PredictionRow> predictionsSince(String deployment, Instant since) {
        return rows(log.since(deployment, since));
    }

    /** The rows of the primary (not shadow) requests, oldest first; {@code newestFirst} is the log's order. */
    private static List<PredictionRow> rows(List<LoggedPrediction> newestFirst) {
        List<LoggedPrediction> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        List<PredictionRow> rows = new ArrayList<>();
        for (LoggedPrediction logged : oldestFirst) {
            if (!logged.shadow()) {
                rows.addAll(OipTensorRows.rows(logged));
            }
        }
        return rows;
    }
}
