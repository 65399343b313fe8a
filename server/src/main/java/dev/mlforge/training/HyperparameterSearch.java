package dev.mlforge.training;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.datasets.MlflowDataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Runs a grid or random search: one child run per trial under {@code parentRunId}, each with its parameters and
 * metrics and the datasets it learns from as {@code training} inputs; the parent is tagged with the best trial's run.
 */
public final class HyperparameterSearch {
    private final RunRecorder recorder;
    private final List<MlflowDataset> datasets;

    public HyperparameterSearch(RunRecorder recorder) {
        this(recorder, List.of());
    }

    /** A search whose trials record {@code datasets} (the versions the training data comes from) as inputs. */
    public HyperparameterSearch(RunRecorder recorder, List<MlflowDataset> datasets) {
        this.recorder = recorder;
        this.datasets = List.copyOf(datasets);
    }

    public SearchResult run(SearchRequest request, TabularData train, TabularData evaluation, String experiment, String parentRunId) {
        List<Candidate> candidates = candidates(request);
        List<Trial> trials = new ArrayList<>();
        Trial best = null;
        for (int i = 0; i < candidates.size(); i++) {
            Trial trial = runTrial(i, candidates.get(i), train, evaluation, experiment, parentRunId);
            trials.add(trial);
            if (better(request, trial, best)) {
                best = trial;
            }
        }
        if (best != null && parentRunId != null) {
            recorder.setTags(parentRunId, Map.of("mlforge.best_run_id", best.runId(), "mlforge.best_trainer", best.trainer(),
                    "mlforge.search_metric", request.metric()));
            recorder.logMetrics(parentRunId, Map.of("best_" + request.metric(), best.metric(request.metric())), 0);
        }
        return new SearchResult(trials, best, request.metric());
    }

    private Trial runTrial(int index, Candidate candidate, TabularData train, TabularData evaluation, String experiment,
            String parentRunId) {
        String runId = recorder.startRun(experiment, candidate.trainer() + "-" + index, parentRunId,
                Map.of("mlforge.trainer", candidate.trainer(), "mlforge.trial", Integer.toString(index)));
        try {
            datasets.forEach(dataset -> recorder.logDatasetInput(runId, dataset, MlflowDataset.TRAINING));
            TrainedModel model = Trainers.byName(candidate.trainer()).train(train, evaluation, candidate.parameters());
            Map<String, String> params = new LinkedHashMap<>(model.parameters().asStrings());
            params.put("trainer", candidate.trainer());
            recorder.logParams(runId, params);
            recorder.logMetrics(runId, model.metrics(), 0);
            recorder.endRun(runId, RunOutcome.FINISHED);
            return new Trial(index, candidate.trainer(), candidate.parameters(), runId, model, null);
        } catch (RuntimeException e) {
            recorder.setTags(runId, Map.of("mlforge.error", String.valueOf(e.getMessage())));
            recorder.endRun(runId, RunOutcome.FAILED);
            return new Trial(index, candidate.trainer(), candidate.parameters(), runId, null, e.getMessage());
        }
    }

    private static boolean better(SearchRequest request, Trial trial, Trial best) {
        Double value = trial.metric(request.metric());
        if (value == null || value.isNaN()) {
            return false;
        }
        if (best == null) {
            return true;
        }
        double current = best.metric(request.metric());
        return request.maximize() ? value > current : value < current;
    }

    record Candidate(String trainer, Map<String, Object> parameters) {}

    static List<Candidate> candidates(SearchRequest request) {
        List<Candidate> grid = new ArrayList<>();
        for (SearchRequest.TrainerGrid trainerGrid : request.trainers()) {
            ModelTrainer trainer = Trainers.byName(trainerGrid.trainer());
            for (String parameter : trainerGrid.grid().keySet()) {
                if (trainer.parameters().stream().noneMatch(spec -> spec.name().equals(parameter))) {
                    throw MlforgeException.invalidParameter("Trainer '" + trainer.name() + "' has no parameter '" + parameter
                            + "'; it takes " + trainer.parameters().stream().map(ParameterSpec::name).toList());
                }
                if (trainerGrid.grid().get(parameter).isEmpty()) {
                    throw MlforgeException.invalidParameter("Trainer '" + trainer.name() + "': parameter '" + parameter
                            + "' has an empty list of values");
                }
            }
            for (Map<String, Object> point : product(new ArrayList<>(new java.util.TreeMap<>(trainerGrid.grid()).entrySet()), 0, new LinkedHashMap<>())) {
                grid.add(new Candidate(trainer.name(), point));
            }
        }
        if (request.strategy() == SearchRequest.Strategy.GRID || request.trials() >= grid.size()) {
            return grid;
        }
        Random random = new Random(request.seed());
        Set<Integer> chosen = new LinkedHashSet<>();
        while (chosen.size() < request.trials()) {
            chosen.add(random.nextInt(grid.size()));
        }
        return chosen.stream().map(grid::get).toList();
    }

    private static List<Map<String, Object>> product(List<Map.Entry<String, List<Object>>> axes, int axis,
            Map<String, Object> prefix) {
        if (axis == axes.size()) {
            return List.of(Map.copyOf(prefix));
        }
        List<Map<String, Object>> points = new ArrayList<>();
        for (Object value : axes.get(axis).getValue()) {
            prefix.put(axes.get(axis).getKey(), value);
            points.addAll(product(axes, axis + 1, prefix));
        }
        prefix.remove(axes.get(axis).getKey());
        return points;
    }
}
