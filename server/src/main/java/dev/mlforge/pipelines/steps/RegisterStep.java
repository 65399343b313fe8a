package dev.mlforge.pipelines.steps;

import dev.mlforge.pipelines.ModelRegistrar;
import dev.mlforge.pipelines.Step;
import dev.mlforge.pipelines.StepContext;
import dev.mlforge.pipelines.StepOutputs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Registers {@code model} as a new version of {@code with.model_name}, with the run id from the input {@code run_id}
 * (e.g. {@code train.best_run_id}) and the metrics from the input {@code metrics} (e.g. {@code evaluate.metrics}).
 */
final class RegisterStep implements Step {
    @Override
    public boolean cacheable() {
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    public StepOutputs run(StepContext context) {
        String modelName = context.string("model_name");
        String runId = context.inputs().containsKey("run_id") ? String.valueOf(context.inputValue("run_id")) : context.trackingRunId();
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (context.inputs().containsKey("metrics") && context.inputValue("metrics") instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((key, value) -> {
                if (value instanceof Number number) {
                    metrics.put(key, number.doubleValue());
                }
            });
        }
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("mlforge.pipeline_run_id", context.pipelineRunId());
        context.map("tags").forEach((key, value) -> tags.put(key, String.valueOf(value)));
        ModelRegistrar.RegisteredVersion version = context.services().registrar()
                .register(modelName, context.inputFile("model"), runId, tags, metrics);
        context.recorder().setTags(context.trackingRunId(), Map.of("mlforge.model_uri", version.modelUri()));
        return new StepOutputs()
                .value("model_name", version.modelName())
                .value("version", version.version())
                .value("model_uri", version.modelUri());
    }
}
