package dev.mlforge.pipelines;

import java.util.List;
import java.util.Optional;

/** Finds the best model of a pipeline run from its train step's outputs and, if present, its register step's. */
final class BestModels {
    private BestModels() {}

    static Optional<PipelineRunResult.BestModel> of(PipelineDefinition definition, List<StepOutcome> outcomes) {
        StepOutcome.Succeeded train = succeeded(definition, outcomes, "train");
        if (train == null || train.value("best_run_id") == null) {
            return Optional.empty();
        }
        StepOutcome.Succeeded register = succeeded(definition, outcomes, "register");
        Object metricValue = train.value("metric_value");
        return Optional.of(new PipelineRunResult.BestModel(
                String.valueOf(train.value("best_run_id")),
                String.valueOf(train.value("best_trainer")),
                String.valueOf(train.value("metric")),
                metricValue instanceof Number number ? number.doubleValue() : Double.NaN,
                String.valueOf(train.value("model")),
                register == null ? null : String.valueOf(register.value("model_uri"))));
    }

    private static StepOutcome.Succeeded succeeded(PipelineDefinition definition, List<StepOutcome> outcomes, String uses) {
        for (StepOutcome outcome : outcomes) {
            if (outcome instanceof StepOutcome.Succeeded succeeded && definition.step(outcome.step()).uses().equals(uses)) {
                return succeeded;
            }
        }
        return null;
    }
}
