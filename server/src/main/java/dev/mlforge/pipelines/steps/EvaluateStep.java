package dev.mlforge.pipelines.steps;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.datasets.CsvTable;
import dev.mlforge.datasets.MlflowDataset;
import dev.mlforge.pipelines.ModelRegistrar;
import dev.mlforge.pipelines.Step;
import dev.mlforge.pipelines.StepContext;
import dev.mlforge.pipelines.StepOutputs;
import dev.mlforge.training.ModelEvaluator;
import dev.mlforge.training.SearchRequest;
import dev.mlforge.training.TabularData;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates {@code model} on {@code test}. With {@code with.gate} ({@code model_name}, {@code alias}, {@code margin}),
 * the candidate must beat the version the alias points at on {@code with.metric} by at least the margin; the result
 * is the output {@code gate_passed}, which a later step uses as {@code when: evaluate.gate_passed}. With no alias
 * holder yet, the gate passes. Not cached: the alias holder changes between runs.
 */
final class EvaluateStep implements Step {
    @Override
    public boolean cacheable() {
        return false;
    }

    @Override
    public String datasetContext() {
        return MlflowDataset.EVALUATION;
    }

    @Override
    public StepOutputs run(StepContext context) {
        String label = context.string("label");
        String metric = context.string("metric", "accuracy");
        TabularData test = new TabularData(context.stepName(), CsvTable.read(context.inputFile("test")), label,
                context.services().clock().instant());
        Map<String, Double> metrics = ModelEvaluator.evaluate(ModelEvaluator.load(context.inputFile("model")), test);
        Double candidate = metrics.get(metric);
        if (candidate == null) {
            throw MlforgeException.invalidParameter("Step '" + context.stepName() + "': metric '" + metric + "' is not one of "
                    + metrics.keySet());
        }
        StepOutputs outputs = new StepOutputs().value("metrics", metrics).value("metric", metric).value("metric_value", candidate)
                .metrics(metrics);
        Map<String, Object> gate = context.map("gate");
        if (gate.isEmpty()) {
            return outputs.value("gate_passed", true);
        }
        String modelName = required(gate, "model_name", context);
        String alias = required(gate, "alias", context);
        double margin = gate.get("margin") == null ? 0.0 : Double.parseDouble(gate.get("margin").toString());
        boolean maximize = SearchRequest.largerIsBetter(metric);
        Optional<ModelRegistrar.RegisteredVersion> holder = context.services().registrar().aliasHolder(modelName, alias);
        Double holderValue = holder.map(version -> version.metrics().get(metric)).orElse(null);
        boolean passed = holderValue == null
                || (maximize ? candidate >= holderValue + margin : candidate <= holderValue - margin);
        outputs.value("gate_passed", passed).metric("gate_passed", passed ? 1 : 0);
        holder.ifPresent(version -> outputs.value("holder_version", version.version()));
        if (holderValue != null) {
            outputs.value("holder_metric_value", holderValue);
        }
        return outputs;
    }

    private static String required(Map<String, Object> gate, String key, StepContext context) {
        Object value = gate.get(key);
        if (value == null || value.toString().isBlank()) {
            throw MlforgeException.invalidParameter("Step '" + context.stepName() + "': 'with.gate." + key + "' is required");
        }
        return value.toString();
    }
}
