package dev.mlforge.pipelines.steps;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.datasets.CsvTable;
import dev.mlforge.datasets.MlflowDataset;
import dev.mlforge.pipelines.Step;
import dev.mlforge.pipelines.StepContext;
import dev.mlforge.pipelines.StepOutputs;
import dev.mlforge.pipelines.StepValue;
import dev.mlforge.training.HyperparameterSearch;
import dev.mlforge.training.ModelSaver;
import dev.mlforge.training.SavedModel;
import dev.mlforge.training.SearchRequest;
import dev.mlforge.training.SearchResult;
import dev.mlforge.training.TabularData;
import dev.mlforge.training.Trainers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains on {@code train}, evaluates on {@code test}: a grid or random search ({@code with.search}) over
 * {@code with.trainers} (trainer name to parameter values or lists of values), each trial a child run of this step's
 * run; the best by {@code with.metric} is saved (native, ONNX when possible, MLmodel) with the {@code featurizer}.
 * The step's run and every trial run record the upstream dataset versions as {@code training} inputs.
 */
final class TrainStep implements Step {
    @Override
    public String datasetContext() {
        return MlflowDataset.TRAINING;
    }

    @Override
    public StepOutputs run(StepContext context) throws Exception {
        String label = context.string("label");
        Instant loadedAt = context.services().clock().instant();
        TabularData train = new TabularData(context.stepName() + "-train", CsvTable.read(context.inputFile("train")), label, loadedAt);
        TabularData test = new TabularData(context.stepName() + "-test", CsvTable.read(context.inputFile("test")), label, loadedAt);
        SearchRequest request = request(context);
        // through this recorder, a timed-out (interrupted) search starts no further trial
        SearchResult result = new HyperparameterSearch(new InterruptibleRecorder(context.recorder()), context.datasets())
                .run(request, train, test, context.experiment(), context.trackingRunId());
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("step '" + context.stepName() + "' was cancelled");
        }
        if (result.best() == null) {
            throw MlforgeException.invalidState("Every trial of step '" + context.stepName() + "' failed: "
                    + result.trials().stream().map(trial -> trial.trainer() + ": " + trial.error()).toList());
        }
        Path modelDir = context.outputDir().resolve("model");
        SavedModel saved = new ModelSaver(context.services().clock()).save(result.best().model(), modelDir);
        StepValue featurizer = context.inputs().get("featurizer");
        if (featurizer instanceof StepValue.FileValue file) {
            Files.copy(file.file(), modelDir.resolve("featurizer.json"));
        }
        context.recorder().logArtifact(result.best().runId(), modelDir, "model");
        context.recorder().logArtifact(context.trackingRunId(), modelDir, "model");
        double best = result.best().metric(request.metric());
        return new StepOutputs()
                .file("model", modelDir)
                .value("flavor", saved.flavor())
                .value("best_run_id", result.best().runId())
                .value("best_trainer", result.best().trainer())
                .value("metric", request.metric())
                .value("metric_value", best)
                .value("metrics", result.best().model().metrics())
                .value("trials", result.trials().size())
                .metric("best_" + request.metric(), best)
                .metric("trials", result.trials().size());
    }

    private static SearchRequest request(StepContext context) {
        Map<String, Object> trainers = context.map("trainers");
        if (trainers.isEmpty()) {
            throw MlforgeException.invalidParameter("Step '" + context.stepName() + "' needs 'with.trainers': a mapping of trainer"
                    + " names to parameters, e.g. {logistic_regression: {epochs: [5, 20]}}");
        }
        List<SearchRequest.TrainerGrid> grids = new ArrayList<>();
        trainers.forEach((name, parameters) -> {
            Trainers.byName(name);
            Map<String, List<Object>> grid = new LinkedHashMap<>();
            if (parameters instanceof Map<?, ?> map) {
                map.forEach((key, value) -> grid.put(String.valueOf(key), value instanceof List<?> list
                        ? new ArrayList<>(list) : List.of(value)));
            } else if (parameters != null) {
                throw MlforgeException.invalidParameter("Step '" + context.stepName() + "': 'with.trainers." + name
                        + "' must be a mapping of parameters");
            }
            grids.add(new SearchRequest.TrainerGrid(name, grid));
        });
        String search = context.string("search", "grid");
        SearchRequest.Strategy strategy = switch (search) {
            case "grid" -> SearchRequest.Strategy.GRID;
            case "random" -> SearchRequest.Strategy.RANDOM;
            default -> throw MlforgeException.invalidParameter("Step '" + context.stepName() + "': 'with.search' must be grid or random, got '"
                    + search + "'");
        };
        String metric = context.string("metric", Trainers.byName(grids.get(0).trainer()).defaultMetric());
        return new SearchRequest(grids, strategy, (int) context.integer("trials", 10), context.integer("seed", 42), metric);
    }
}
