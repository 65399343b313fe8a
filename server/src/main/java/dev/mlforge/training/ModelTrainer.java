package dev.mlforge.training;

import java.util.List;
import java.util.Map;

/**
 * One training algorithm with declared parameters: trains on one table, evaluates on another.
 * {@link Trainers} lists the built-in ones by name.
 */
public interface ModelTrainer {
    String name();

    TaskType task();

    List<ParameterSpec> parameters();

    /** The metric a search maximises by default, and whether larger is better. */
    default String defaultMetric() {
        return switch (task()) {
            case CLASSIFICATION -> "accuracy";
            case REGRESSION -> "rmse";
            case CLUSTERING -> "normalized_mi";
        };
    }

    /** Trains on {@code train} and evaluates on {@code evaluation}; unknown or ill-typed parameters are refused. */
    TrainedModel train(TabularData train, TabularData evaluation, Map<String, ?> parameters);
}
