package dev.mlforge.training;

import dev.mlforge.http.MlforgeException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hyperparameter search: per trainer, a grid of values for each parameter; either every combination
 * ({@code GRID}) or {@code trials} seeded random draws from the grids ({@code RANDOM}). The best trial is the one
 * with the best {@code metric}: larger is better except for losses and errors.
 */
public record SearchRequest(List<TrainerGrid> trainers, Strategy strategy, int trials, long seed, String metric) {
    private static final Set<String> SMALLER_IS_BETTER = Set.of("log_loss", "rmse", "mae");

    public enum Strategy { GRID, RANDOM }

    /** One trainer and the candidate values of its parameters (parameters not named take their defaults). */
    public record TrainerGrid(String trainer, Map<String, List<Object>> grid) {
        public TrainerGrid {
            grid = Map.copyOf(grid);
        }
    }

    public SearchRequest {
        trainers = List.copyOf(trainers);
        if (trainers.isEmpty()) {
            throw MlforgeException.invalidParameter("A search needs at least one trainer");
        }
        if (strategy == Strategy.RANDOM && trials < 1) {
            throw MlforgeException.invalidParameter("A random search needs trials >= 1, got " + trials);
        }
        if (metric == null || metric.isBlank()) {
            throw MlforgeException.invalidParameter("A search needs the metric that chooses the best trial");
        }
    }

    public boolean maximize() {
        return largerIsBetter(metric);
    }

    /** False for losses and errors ({@code log_loss}, {@code rmse}, {@code mae}), true for every other metric. */
    public static boolean largerIsBetter(String metric) {
        return !SMALLER_IS_BETTER.contains(metric);
    }
}
