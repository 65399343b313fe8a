package dev.mlforge.pipelines;

import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.datasets.MlflowDataset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which dataset versions a step's work derives from. A step declares the datasets it reads from outside the pipeline
 * (the {@code load} step) with {@link StepOutputs#dataset}, as its output {@value #OUTPUT}; every step downstream of it,
 * directly or through other steps, inherits them. The output is an ordinary value, so it survives the step cache.
 */
final class DatasetLineage {
    static final String OUTPUT = "dataset_inputs";

    private DatasetLineage() {}

    /** The datasets a step declared in its outputs. */
    static List<MlflowDataset> declared(Map<String, StepValue> outputs) {
        if (!(outputs.get(OUTPUT) instanceof StepValue.JsonValue json) || !(json.value() instanceof List<?> list)) {
            return List.of();
        }
        List<MlflowDataset> datasets = new ArrayList<>();
        for (Object item : list) {
            try {
                datasets.add(Json.mapper().convertValue(item, MlflowDataset.class));
            } catch (IllegalArgumentException e) {
                throw MlforgeException.invalidParameter("The output '" + OUTPUT + "' is reserved for datasets declared with "
                        + "StepOutputs.dataset(...); it holds " + item + " (" + rootMessage(e) + ")");
            }
        }
        return datasets;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    /** The output value for {@code datasets}: a list of MLflow dataset documents. */
    static Object asOutput(List<MlflowDataset> datasets) {
        return datasets.stream().map(dataset -> Json.mapper().convertValue(dataset, Map.class)).toList();
    }

    /**
     * The datasets declared by the steps {@code step} depends on, transitively, in the definition's order; each dataset
     * (name and digest) once.
     */
    static List<MlflowDataset> upstreamOf(PipelineDefinition definition, StepDefinition step, Map<String, StepOutcome> outcomes) {
        Set<String> ancestors = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(step.upstream());
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (ancestors.add(name)) {
                pending.addAll(definition.step(name).upstream());
            }
        }
        Map<String, MlflowDataset> datasets = new LinkedHashMap<>();
        for (StepDefinition candidate : definition.steps()) {
            if (ancestors.contains(candidate.name()) && outcomes.get(candidate.name()) instanceof StepOutcome.Succeeded succeeded) {
                declared(succeeded.outputs()).forEach(dataset -> datasets.putIfAbsent(dataset.name() + "@" + dataset.digest(), dataset));
            }
        }
        return List.copyOf(datasets.values());
    }
}
