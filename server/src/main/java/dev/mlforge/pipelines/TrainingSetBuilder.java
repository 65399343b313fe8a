package dev.mlforge.pipelines;

import dev.mlforge.datasets.DatasetVersionEntity;
import java.nio.file.Path;
import java.util.List;

/**
 * The port the {@code features} step needs: a point-in-time training set built from entity rows and registered as a
 * version of a dataset. The feature store fills it (wired in {@code app}); without it the step is refused.
 */
@FunctionalInterface
public interface TrainingSetBuilder {
    /**
     * Joins the entity rows of {@code entityFile} (a CSV with {@code eventTimestampColumn} and the views' join keys) with
     * {@code features} ({@code view:feature} or a bare view; null when {@code featureService} names them), registers the
     * result as a new version of {@code datasetName} and answers it.
     */
    DatasetVersionEntity build(String datasetName, List<String> features, String featureService, Path entityFile,
            String eventTimestampColumn);
}
