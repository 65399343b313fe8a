package dev.mlforge.monitoring.testing;

import dev.mlforge.monitoring.monitors.PredictionRow;
import dev.mlforge.monitoring.monitors.PredictionWindowSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hand-written fake of {@link PredictionWindowSource}: rows added by the test, per deployment, oldest first. It
 * stands in for serving's prediction log, which is another helper's unfinished work.
 */
public final class InMemoryPredictionLog implements PredictionWindowSource {
    private final Map<String, List<PredictionRow>> rows = new ConcurrentHashMap<>();

    public void add(String deployment, PredictionRow row) {
        rows.computeIfAbsent(deployment, key -> new ArrayList<>()).add(row);
    }

    public void clear(String deployment) {
        rows.remove(deployment);
    }

    @Override
    public synchronized List<PredictionRow> lastPredictions(String deployment, int count) {
        List<PredictionRow> all = rows.getOrDefault(deployment, List.of());
        return List.copyOf(all.subList(Math.max(0, all.size() - count), all.size()));
    }

    @Override
    public synchronized List<PredictionRow> predictionsSince(String deployment, Instant since) {
        return rows.getOrDefault(deployment, List.of()).stream().filter(row -> !row.time().isBefore(since)).toList();
    }
}
