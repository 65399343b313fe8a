package dev.mlforge.pipelines.steps;

import dev.mlforge.datasets.DatasetService;
import dev.mlforge.datasets.DatasetVersionEntity;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.pipelines.Step;
import dev.mlforge.pipelines.StepContext;
import dev.mlforge.pipelines.StepOutputs;
import dev.mlforge.pipelines.TrainingSetBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a point-in-time training set from the feature store: the entity rows of input {@code data} (with their event
 * times, e.g. {@code load}'s output) joined with {@code with.features} (a list or comma-separated {@code view:feature})
 * or {@code with.feature_service}, registered as a new version of dataset {@code with.dataset}. Outputs {@code data}
 * (the training set, for {@code split} or {@code train}) and declares the registered version, so the runs downstream
 * (and the model they train) record it as their dataset input. Never cached: the feature data may have changed.
 */
final class FeaturesStep implements Step {
    @Override
    public boolean cacheable() {
        return false;
    }

    @Override
    public StepOutputs run(StepContext context) throws Exception {
        TrainingSetBuilder builder = context.services().trainingSetService().orElseThrow(() -> MlforgeException.invalidParameter(
                "Step '" + context.stepName() + "': the features step needs the feature store (a pipeline run by the server)"));
        DatasetService datasets = context.services().datasetService().orElseThrow(() -> MlforgeException.invalidParameter(
                "Step '" + context.stepName() + "': the features step needs the dataset service"));
        List<String> features = context.has("features") ? references(context.params().get("features")) : null;
        String service = context.has("feature_service") ? context.string("feature_service") : null;
        if ((features == null) == (service == null)) {
            throw MlforgeException.invalidParameter("Step '" + context.stepName() + "' needs exactly one of 'with.features' "
                    + "(a list of view:feature) and 'with.feature_service'");
        }
        DatasetVersionEntity version = builder.build(context.string("dataset"), features, service, context.inputFile("data"),
                context.string("event_timestamp_column", "event_timestamp"));
        Path target = context.outputDir().resolve("data.csv");
        try (var in = datasets.open(version)) {
            Files.copy(in, target);
        }
        return new StepOutputs()
                .file("data", target)
                .value("rows", version.rowCount())
                .value("dataset", version.name())
                .value("dataset_version", version.version())
                .metric("rows", version.rowCount())
                .dataset(DatasetService.asMlflowDataset(version));
    }

    private static List<String> references(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return Arrays.stream(value.toString().split(",")).map(String::strip).filter(text -> !text.isEmpty()).toList();
    }
}
